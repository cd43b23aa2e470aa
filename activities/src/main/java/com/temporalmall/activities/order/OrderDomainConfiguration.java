package com.temporalmall.activities.order;

import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.activities.DomainJdbc;
import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.temporalmall.workflows.order.OrderActivities;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The order domain, when listed in {@code mall.domains}: its database ({@code mall.db.order.*}),
 * its repositories on it, and its activities, whose barrier joins the repositories' transactions.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDomain("order")
@EnableJdbcRepositories(
    basePackageClasses = OrderRepository.class,
    jdbcAggregateOperationsRef = "orderJdbcAggregateTemplate",
    transactionManagerRef = "orderTransactionManager")
public class OrderDomainConfiguration {
  @Bean(destroyMethod = "close")
  HikariDataSource orderDataSource(Environment environment) {
    return DomainJdbc.open("order", environment);
  }

  @Bean
  NamedParameterJdbcTemplate orderJdbcTemplate(
      @Qualifier("orderDataSource") DataSource dataSource) {
    return new NamedParameterJdbcTemplate(dataSource);
  }

  @Bean
  DataSourceTransactionManager orderTransactionManager(
      @Qualifier("orderDataSource") DataSource dataSource) {
    return new DataSourceTransactionManager(dataSource);
  }

  @Bean
  JdbcAggregateTemplate orderJdbcAggregateTemplate(
      ApplicationContext context, @Qualifier("orderJdbcTemplate") NamedParameterJdbcTemplate jdbc) {
    return DomainJdbc.aggregateTemplate(context, jdbc, Order.class);
  }

  @Bean
  SubTransactionBarrier orderBarrier(
      @Qualifier("orderJdbcTemplate") NamedParameterJdbcTemplate jdbc,
      @Qualifier("orderTransactionManager") DataSourceTransactionManager transactions) {
    return DomainJdbc.barrier(jdbc, transactions);
  }

  @Bean
  OrderActivities orderActivities(
      OrderRepository orders, @Qualifier("orderBarrier") SubTransactionBarrier barrier) {
    return new OrderActivitiesImpl(orders, barrier);
  }
}
