package com.temporalmall.activities.product;

import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.activities.DomainDatabase;
import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.temporalmall.workflows.product.ProductActivities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/**
 * The product domain, when listed in {@code mall.domains}: its database ({@code
 * mall.db.product.*}), its repositories on it, and its activities, whose barrier joins the
 * repositories' transactions.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDomain("product")
@DomainDatabase(value = "product", entities = Product.class)
@EnableJdbcRepositories(
    basePackageClasses = ProductRepository.class,
    jdbcAggregateOperationsRef = "productJdbcAggregateTemplate",
    transactionManagerRef = "productTransactionManager")
public class ProductDomainConfiguration {
  @Bean
  ProductActivities productActivities(
      ProductRepository products, @Qualifier("productBarrier") SubTransactionBarrier barrier) {
    return new ProductActivitiesImpl(products, barrier);
  }
}
