package com.temporalmall.workers;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The worker process. Each domain owns its database (mall.db.&lt;domain&gt;.*), wired by the
 * domain's own configuration, so Boot's single-DataSource auto-configurations stay off.
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
      "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
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
