package com.temporalmall.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The worker host as deployed carries README's timeouts: its domain pool has Hikari's and the
 * driver's from {@code mall-workers.yml}, its connection to Temporal the deadlines and keep-alive
 * of {@code mall.temporal.rpc.*}; an environment variable changes one.
 */
class WorkerHostTimeoutsTest {

  private static ConfigurableApplicationContext host(int port, Map<String, Object> environment) {
    String[] settings = {
      "--server.port=0",
      "--spring.temporal.connection.target=127.0.0.1:" + port,
      "--mall.domains=user",
      "--mall.db.user.url=jdbc:h2:mem:timeouts-"
          + environment.size()
          + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "--mall.db.user.username=sa"
    };
    return WorkersApplication.builder()
        .initializers(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new SystemEnvironmentPropertySource(
                            "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            environment)))
        .run(settings);
  }

  private static int freePort() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }

  @Test
  void theDomainPoolAndTheTemporalConnectionHaveTheDocumentedTimeouts() throws Exception {
    int port = freePort();
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
        ConfigurableApplicationContext host = host(port, Map.of())) {
      HikariDataSource pool = host.getBean("userDataSource", HikariDataSource.class);
      assertThat(pool.getConnectionTimeout()).isEqualTo(5_000);
      assertThat(pool.getValidationTimeout()).isEqualTo(2_000);
      assertThat(pool.getKeepaliveTime()).isEqualTo(120_000);
      assertThat(pool.getMaxLifetime()).isEqualTo(1_800_000);
      assertThat(pool.getDataSourceProperties())
          .containsEntry("connectTimeout", "2000")
          .containsEntry("socketTimeout", "5000");

      WorkflowServiceStubsOptions rpc = host.getBean(WorkflowServiceStubs.class).getOptions();
      assertThat(rpc.getRpcTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(rpc.getRpcLongPollTimeout()).isEqualTo(Duration.ofSeconds(70));
      assertThat(rpc.getRpcQueryTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(rpc.getEnableKeepAlive()).isTrue();
      assertThat(rpc.getKeepAliveTime()).isEqualTo(Duration.ofSeconds(30));
      assertThat(rpc.getKeepAliveTimeout()).isEqualTo(Duration.ofSeconds(15));
      assertThat(rpc.getKeepAlivePermitWithoutStream()).isTrue();
    }
  }

  @Test
  void theEnvironmentChangesThem() throws Exception {
    int port = freePort();
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
        ConfigurableApplicationContext host =
            host(
                port,
                Map.of("MALL_JDBC_SOCKET_TIMEOUT_MS", "8000", "MALL_TEMPORAL_RPC_TIMEOUT", "7s"))) {
      assertThat(host.getBean("userDataSource", HikariDataSource.class).getDataSourceProperties())
          .containsEntry("socketTimeout", "8000");
      assertThat(host.getBean(WorkflowServiceStubs.class).getOptions().getRpcTimeout())
          .isEqualTo(Duration.ofSeconds(7));
    }
  }
}
