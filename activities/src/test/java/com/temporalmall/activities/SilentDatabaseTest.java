package com.temporalmall.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.temporalmall.activities.testsupport.DomainExtension;
import com.temporalmall.activities.testsupport.SilentProxy;
import com.temporalmall.activities.testsupport.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

/**
 * A domain's pool, built as a worker builds it and with the timeouts of {@code mall-workers.yml},
 * in front of a database that stops answering (a proxy that holds every byte, as a MariaDB stopped
 * with SIGSTOP does): a statement fails with the driver's read timeout instead of waiting for ever,
 * a checkout fails with the pool's, and once the database answers again the pool holds no
 * connection in use and serves the next statement. A pool aimed at a black hole fails to open.
 */
class SilentDatabaseTest {
  @RegisterExtension static final DomainExtension PRODUCT = new DomainExtension("product");

  /** An "answers at all" bound: without the timeouts these calls never return. */
  private static final Duration ANSWERS_AT_ALL = Duration.ofSeconds(90);

  private static MockEnvironment workerSettings(String url, TestDatabase database) {
    return new MockEnvironment()
        .withProperty("mall.db.product.url", url)
        .withProperty("mall.db.product.username", database.username())
        .withProperty("mall.db.product.password", database.password())
        // The values of mall-workers.yml (WorkerHostTimeoutsTest checks that the host has them).
        .withProperty("mall.jdbc.hikari.connection-timeout", "5000")
        .withProperty("mall.jdbc.hikari.validation-timeout", "2000")
        .withProperty("mall.jdbc.hikari.data-source-properties.connectTimeout", "2000")
        .withProperty("mall.jdbc.hikari.data-source-properties.socketTimeout", "5000");
  }

  private static String through(SilentProxy proxy, String url) {
    URI server = URI.create(url.substring("jdbc:".length()));
    return url.replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + proxy.port());
  }

  @Test
  void aSilentDatabaseCostsBoundedTimeAndLeavesNothingHeldOnceItAnswers() throws Exception {
    TestDatabase database = PRODUCT.database();
    URI server = URI.create(database.url().substring("jdbc:".length()));
    try (SilentProxy proxy = SilentProxy.to(server.getHost(), server.getPort());
        HikariDataSource pool =
            DomainJdbc.open("product", workerSettings(through(proxy, database.url()), database))) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM products", Integer.class)).isZero();

      try (Connection held = pool.getConnection()) {
        proxy.silence();
        // A statement in flight: the driver's socketTimeout ends it, and the connection with it.
        assertTimeoutPreemptively(
            ANSWERS_AT_ALL,
            () ->
                assertThatThrownBy(
                        () -> held.createStatement().executeQuery("SELECT COUNT(*) FROM products"))
                    .isInstanceOf(SQLException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class));
      }
      // A checkout while it stays silent: no connection comes within the pool's connectionTimeout.
      assertTimeoutPreemptively(
          ANSWERS_AT_ALL,
          () -> assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class));
      assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();

      proxy.resume();
      await()
          .atMost(ANSWERS_AT_ALL)
          .ignoreExceptions()
          .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM products", Integer.class) == 0);
      assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
      assertThat(pool.getHikariPoolMXBean().getThreadsAwaitingConnection()).isZero();
    }
  }

  @Test
  void aPoolAimedAtABlackHoleFailsToOpenInsteadOfWaiting() throws Exception {
    TestDatabase database = PRODUCT.database();
    try (SilentProxy blackHole = SilentProxy.blackHole()) {
      assertTimeoutPreemptively(
          ANSWERS_AT_ALL,
          () ->
              assertThatThrownBy(
                      () ->
                          DomainJdbc.open(
                              "product",
                              workerSettings(through(blackHole, database.url()), database)))
                  .hasRootCauseInstanceOf(SocketTimeoutException.class));
    }
  }
}
