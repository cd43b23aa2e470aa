package com.temporalmall.activities.order;

import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.activities.DomainDatabase;
import com.temporalmall.workflows.order.OrderActivities;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@ConditionalOnDomain("order")
public class OrderDomainConfiguration {
  @Bean(destroyMethod = "close")
  HikariDataSource orderDataSource(Environment environment) {
    return DomainDatabase.open("order", environment);
  }

  @Bean
  OrderActivities orderActivities(@Qualifier("orderDataSource") HikariDataSource dataSource) {
    DomainDatabase database = DomainDatabase.of(dataSource);
    return new OrderActivitiesImpl(database.repository(OrderRepository.class), database.barrier());
  }
}
