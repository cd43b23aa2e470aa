package com.temporalmall.api;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The REST edge: authenticates, validates, starts workflows and maps their outcome to HTTP. It
 * never opens a database, even when JDBC happens to be on the classpath (tests, shared images).
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration",
      "org.springframework.boot.autoconfigure.data.jdbc.JdbcRepositoriesAutoConfiguration",
      "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration"
    })
public class ApiApplication {
  /**
   * Its configuration is mall-api.yml, not application.yml: the API, the workers and the embedded
   * default can then share one classpath (tests, one image) without reading each other's settings.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(ApiApplication.class).properties("spring.config.name=mall-api");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
