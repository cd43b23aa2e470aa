package com.temporalmall.activities.product;

import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.activities.DomainDatabase;
import com.temporalmall.workflows.product.ProductActivities;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@ConditionalOnDomain("product")
public class ProductDomainConfiguration {
  @Bean(destroyMethod = "close")
  HikariDataSource productDataSource(Environment environment) {
    return DomainDatabase.open("product", environment);
  }

  @Bean
  ProductActivities productActivities(@Qualifier("productDataSource") HikariDataSource dataSource) {
    DomainDatabase database = DomainDatabase.of(dataSource);
    return new ProductActivitiesImpl(
        database.repository(ProductRepository.class), database.barrier());
  }
}
