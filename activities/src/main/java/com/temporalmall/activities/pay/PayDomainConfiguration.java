package com.temporalmall.activities.pay;

import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.activities.DomainJdbc;
import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.temporalmall.workflows.pay.PayActivities;
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
 * The pay domain, when listed in {@code mall.domains}: its database ({@code mall.db.pay.*}), its
 * repositories on it, and its activities, whose barrier joins the repositories' transactions.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDomain("pay")
@EnableJdbcRepositories(
    basePackageClasses = PayRepository.class,
    jdbcAggregateOperationsRef = "payJdbcAggregateTemplate",
    transactionManagerRef = "payTransactionManager")
public class PayDomainConfiguration {
  @Bean(destroyMethod = "close")
  HikariDataSource payDataSource(Environment environment) {
    return DomainJdbc.open("pay", environment);
  }

  @Bean
  NamedParameterJdbcTemplate payJdbcTemplate(@Qualifier("payDataSource") DataSource dataSource) {
    return new NamedParameterJdbcTemplate(dataSource);
  }

  @Bean
  DataSourceTransactionManager payTransactionManager(
      @Qualifier("payDataSource") DataSource dataSource) {
    return new DataSourceTransactionManager(dataSource);
  }

  @Bean
  JdbcAggregateTemplate payJdbcAggregateTemplate(
      ApplicationContext context, @Qualifier("payJdbcTemplate") NamedParameterJdbcTemplate jdbc) {
    return DomainJdbc.aggregateTemplate(context, jdbc, Pay.class);
  }

  @Bean
  SubTransactionBarrier payBarrier(
      @Qualifier("payJdbcTemplate") NamedParameterJdbcTemplate jdbc,
      @Qualifier("payTransactionManager") DataSourceTransactionManager transactions) {
    return DomainJdbc.barrier(jdbc, transactions);
  }

  @Bean
  PayActivities payActivities(
      PayRepository pays, @Qualifier("payBarrier") SubTransactionBarrier barrier) {
    return new PayActivitiesImpl(pays, barrier);
  }
}
