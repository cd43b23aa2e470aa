package com.temporalmall.workers;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.jdbc.JdbcRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

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
  /** Its configuration is mall-workers.yml (see ApiApplication#builder for why). */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(WorkersApplication.class)
        .properties("spring.config.name=mall-workers");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
