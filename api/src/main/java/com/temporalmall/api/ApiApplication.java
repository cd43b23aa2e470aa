package com.temporalmall.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The REST edge: authenticates, validates, reads the domain databases through read-only accounts
 * ({@link com.temporalmall.api.read.ReadDatabases}), starts workflows for every write and maps
 * their outcome to HTTP. Boot's single-DataSource set-up stays off: no default pool, no transaction
 * manager, no repositories and never Flyway - the domain workers own their schemas.
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
      "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
    })
public class ApiApplication {
  /**
   * Its configuration is mall-api.yml, not application.yml: the API, the workers and the embedded
   * default can then share one classpath (tests, one image) without reading each other's settings.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(ApiApplication.class)
        .properties("spring.config.name=mall-api");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
