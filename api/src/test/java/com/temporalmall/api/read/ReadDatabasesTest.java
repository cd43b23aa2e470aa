package com.temporalmall.api.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.temporalmall.api.testsupport.BlackHole;
import com.temporalmall.api.user.UserReads;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The API's read pools as {@code mall-api.yml} configures them: the driver's and Hikari's timeouts
 * of README's table, and against a database that takes connections and never answers (a black hole)
 * a read gets its error - the API's 503 database-unavailable - instead of waiting, and leaves no
 * connection or waiting thread behind.
 */
class ReadDatabasesTest {
  /** An "answers at all" bound: without the timeouts the checkout never returns. */
  private static final Duration ANSWERS_AT_ALL = Duration.ofSeconds(90);

  private static StandardEnvironment apiSettings(String... more) throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    environment.setConversionService(new ApplicationConversionService());
    for (PropertySource<?> yaml :
        new YamlPropertySourceLoader().load("mall-api", new ClassPathResource("mall-api.yml"))) {
      environment.getPropertySources().addLast(yaml);
    }
    TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment, more);
    return environment;
  }

  @Test
  void eachReadPoolHasTheDocumentedTimeouts() throws IOException {
    try (HikariDataSource pool = ReadDatabases.open("user", apiSettings())) {
      assertThat(pool.getConnectionTimeout()).isEqualTo(5_000);
      assertThat(pool.getValidationTimeout()).isEqualTo(2_000);
      assertThat(pool.getKeepaliveTime()).isEqualTo(120_000);
      assertThat(pool.getMaxLifetime()).isEqualTo(1_800_000);
      assertThat(pool.getDataSourceProperties())
          .containsEntry("connectTimeout", "2000")
          .containsEntry("socketTimeout", "5000");
    }
    try (HikariDataSource pool =
        ReadDatabases.open("user", apiSettings("mall.read.user.connection-timeout=3s"))) {
      assertThat(pool.getConnectionTimeout()).isEqualTo(3_000);
    }
  }

  @Test
  void aDatabaseThatNeverAnswersFailsTheReadAndHoldsNothing() throws Exception {
    try (BlackHole blackHole = new BlackHole()) {
      try (HikariDataSource pool =
          ReadDatabases.open(
              "user",
              apiSettings(
                  "mall.read.user.url=jdbc:mysql://127.0.0.1:"
                      + blackHole.port()
                      + "/mall_user"))) {
        UserReads reads = new UserReads(pool);
        // What ApiExceptionHandler answers with 503 database-unavailable.
        assertTimeoutPreemptively(
            ANSWERS_AT_ALL,
            () ->
                assertThatThrownBy(() -> reads.info(1))
                    .isInstanceOf(DataAccessResourceFailureException.class));
        assertTimeoutPreemptively(
            ANSWERS_AT_ALL,
            () -> assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class));
        assertThat(blackHole.connections()).as("the driver did reach the black hole").isNotEmpty();
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        assertThat(pool.getHikariPoolMXBean().getThreadsAwaitingConnection()).isZero();
      }
    }
  }
}
