package com.temporalmall.standalone;

import com.temporalmall.api.ApiApplication;
import com.temporalmall.workers.WorkersApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The embedded default: the REST API, every domain worker and the workflow worker in one JVM, on an
 * in-process Temporal server and one in-memory H2 database (MySQL mode) per domain, with the
 * sandbox payment provider beside them ({@link EmbeddedSandbox}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
    excludeName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
      "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
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
