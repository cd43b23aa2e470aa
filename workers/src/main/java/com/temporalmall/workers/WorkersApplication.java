package com.temporalmall.workers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.jdbc.JdbcRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;

/**
 * The worker process. Each domain owns its database (mall.db.&lt;domain&gt;.*), wired by the
 * domain's own configuration, so Boot's single-DataSource auto-configurations stay off.
 */
@SpringBootApplication(
    exclude = {
      DataSourceAutoConfiguration.class,
      DataSourceTransactionManagerAutoConfiguration.class,
      JdbcTemplateAutoConfiguration.class,
      JdbcRepositoriesAutoConfiguration.class,
      FlywayAutoConfiguration.class
    })
public class WorkersApplication {
  public static void main(String[] args) {
    SpringApplication.run(WorkersApplication.class, args);
  }
}
