package com.temporalmall.activities.order;

import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.activities.DomainDatabase;
import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.temporalmall.workflows.order.OrderActivities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/**
 * The order domain, when listed in {@code mall.domains}: its database ({@code mall.db.order.*}),
 * its repositories on it, and its activities, whose barrier joins the repositories' transactions.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDomain("order")
@DomainDatabase(value = "order", entities = Order.class)
@EnableJdbcRepositories(
    basePackageClasses = OrderRepository.class,
    jdbcAggregateOperationsRef = "orderJdbcAggregateTemplate",
    transactionManagerRef = "orderTransactionManager")
public class OrderDomainConfiguration {
  @Bean
  OrderActivities orderActivities(
      OrderRepository orders, @Qualifier("orderBarrier") SubTransactionBarrier barrier) {
    return new OrderActivitiesImpl(orders, barrier);
  }
}
