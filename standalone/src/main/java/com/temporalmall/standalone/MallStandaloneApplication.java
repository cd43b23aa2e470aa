package com.temporalmall.standalone;

import com.temporalmall.api.ApiApplication;
import com.temporalmall.workers.WorkersApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.data.jdbc.JdbcRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The embedded default: the REST API, every domain worker and the workflow worker in one JVM, on an
 * in-process Temporal server and one in-memory H2 database (MySQL mode) per domain.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
    exclude = {
      DataSourceAutoConfiguration.class,
      DataSourceTransactionManagerAutoConfiguration.class,
      JdbcTemplateAutoConfiguration.class,
      JdbcRepositoriesAutoConfiguration.class,
      FlywayAutoConfiguration.class
    })
@ComponentScan(
    basePackages = {
      "com.temporalmall.standalone",
      "com.temporalmall.api",
      "com.temporalmall.workers"
    },
    excludeFilters =
        @ComponentScan.Filter(
            type = FilterType.ASSIGNABLE_TYPE,
            classes = {ApiApplication.class, WorkersApplication.class}))
public class MallStandaloneApplication {
  public static void main(String[] args) {
    SpringApplication.run(MallStandaloneApplication.class, args);
  }
}
