package com.temporalmall.activities.product;

import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.activities.DomainJdbc;
import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.temporalmall.workflows.product.ProductActivities;
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
 * The product domain, when listed in {@code mall.domains}: its database ({@code
 * mall.db.product.*}), its repositories on it, and its activities, whose barrier joins the
 * repositories' transactions.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDomain("product")
@EnableJdbcRepositories(
    basePackageClasses = ProductRepository.class,
    jdbcAggregateOperationsRef = "productJdbcAggregateTemplate",
    transactionManagerRef = "productTransactionManager")
public class ProductDomainConfiguration {
  @Bean(destroyMethod = "close")
  HikariDataSource productDataSource(Environment environment) {
    return DomainJdbc.open("product", environment);
  }

  @Bean
  NamedParameterJdbcTemplate productJdbcTemplate(
      @Qualifier("productDataSource") DataSource dataSource) {
    return new NamedParameterJdbcTemplate(dataSource);
  }

  @Bean
  DataSourceTransactionManager productTransactionManager(
      @Qualifier("productDataSource") DataSource dataSource) {
    return new DataSourceTransactionManager(dataSource);
  }

  @Bean
  JdbcAggregateTemplate productJdbcAggregateTemplate(
      ApplicationContext context,
      @Qualifier("productJdbcTemplate") NamedParameterJdbcTemplate jdbc) {
    return DomainJdbc.aggregateTemplate(context, jdbc, Product.class);
  }

  @Bean
  SubTransactionBarrier productBarrier(
      @Qualifier("productJdbcTemplate") NamedParameterJdbcTemplate jdbc,
      @Qualifier("productTransactionManager") DataSourceTransactionManager transactions) {
    return DomainJdbc.barrier(jdbc, transactions);
  }

  @Bean
  ProductActivities productActivities(
      ProductRepository products, @Qualifier("productBarrier") SubTransactionBarrier barrier) {
    return new ProductActivitiesImpl(products, barrier);
  }
}
