package com.temporalmall.activities.user;

import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.activities.DomainJdbc;
import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.temporalmall.workflows.user.UserActivities;
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
 * The user domain, when listed in {@code mall.domains}: its database ({@code mall.db.user.*}), its
 * repositories on it, and its activities, whose barrier joins the repositories' transactions.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDomain("user")
@EnableJdbcRepositories(
    basePackageClasses = UserRepository.class,
    jdbcAggregateOperationsRef = "userJdbcAggregateTemplate",
    transactionManagerRef = "userTransactionManager")
public class UserDomainConfiguration {
  @Bean(destroyMethod = "close")
  HikariDataSource userDataSource(Environment environment) {
    return DomainJdbc.open("user", environment);
  }

  @Bean
  NamedParameterJdbcTemplate userJdbcTemplate(@Qualifier("userDataSource") DataSource dataSource) {
    return new NamedParameterJdbcTemplate(dataSource);
  }

  @Bean
  DataSourceTransactionManager userTransactionManager(
      @Qualifier("userDataSource") DataSource dataSource) {
    return new DataSourceTransactionManager(dataSource);
  }

  @Bean
  JdbcAggregateTemplate userJdbcAggregateTemplate(
      ApplicationContext context, @Qualifier("userJdbcTemplate") NamedParameterJdbcTemplate jdbc) {
    return DomainJdbc.aggregateTemplate(context, jdbc, User.class);
  }

  @Bean
  SubTransactionBarrier userBarrier(
      @Qualifier("userJdbcTemplate") NamedParameterJdbcTemplate jdbc,
      @Qualifier("userTransactionManager") DataSourceTransactionManager transactions) {
    return DomainJdbc.barrier(jdbc, transactions);
  }

  @Bean
  UserActivities userActivities(
      UserRepository users, @Qualifier("userBarrier") SubTransactionBarrier barrier) {
    return new UserActivitiesImpl(users, barrier);
  }
}
