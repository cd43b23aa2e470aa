package com.temporalmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Service-to-Temporal security with the documented settings: every mall process reaches Temporal
 * through a frontend that demands TLS from a private CA, a client certificate (mTLS) and an API
 * key, set only through {@code spring.temporal.connection.*} and {@code mall.temporal.tls.*}.
 */
class SecuredTemporalEndToEndTest {
  private static final String SERVER_NAME = "temporal.mall.test";
  private static final String API_KEY = "e2e-api-key";

  @TempDir static Path certificates;
  private static TestCertificates authority;
  private static TestCertificates.Issued clientIdentity;
  private static TlsTemporalFrontend frontend;
  private static MallCluster mall;

  @BeforeAll
  static void startSecuredMall() {
    authority = TestCertificates.newAuthority(certificates, "mall-test-ca");
    clientIdentity = authority.client("mall-client");
    frontend =
        TlsTemporalFrontend.start(
            MallCluster.devServerAddress(),
            authority.server("temporal-frontend", SERVER_NAME),
            authority.caFile(),
            API_KEY);
    mall =
        MallCluster.start(
            frontend.target(), securedConnection(authority.caFile(), clientIdentity, API_KEY));
  }

  @AfterAll
  static void stopSecuredMall() throws InterruptedException {
    if (mall != null) {
      mall.close();
    }
    if (frontend != null) {
      frontend.close();
    }
  }

  private static List<String> securedConnection(
      Path serverCa, TestCertificates.Issued client, String apiKey) {
    List<String> properties = new ArrayList<>();
    properties.add("mall.temporal.tls.server-ca-file=" + serverCa);
    properties.add("spring.temporal.connection.mtls.server-name=" + SERVER_NAME);
    if (client != null) {
      properties.add("spring.temporal.connection.mtls.key-file=" + client.privateKey());
      properties.add("spring.temporal.connection.mtls.cert-chain-file=" + client.certificate());
    }
    if (apiKey != null) {
      properties.add("spring.temporal.connection.api-key=" + apiKey);
    }
    return properties;
  }

  @Test
  void theWholeSagaRunsOverMutualTlsWithAnApiKey() {
    MallHttp http = new MallHttp(mall.apiUrl());
    String token = http.registerAndLogin("13500000001");
    long pid = http.createProduct(token, 3, 120);

    MallHttp.Reply order = http.post("/api/order/create", token, Map.of("pid", pid, "num", 2));

    assertThat(order.status()).as(order.toString()).isEqualTo(200);
    long orderId = order.body().get("id").asLong();
    assertThat(
            mall.db("order")
                .queryForObject("SELECT status FROM orders WHERE id = ?", Integer.class, orderId))
        .isZero();
    assertThat(
            mall.db("product")
                .queryForObject("SELECT stock FROM products WHERE id = ?", Integer.class, pid))
        .isEqualTo(1);
    // Both the workflow worker and the domain workers polled through the secured frontend, which
    // forwards a call only once its TLS handshake (with client certificate) and API key passed.
    assertThat(frontend.forwardedMethods())
        .contains(
            "temporal.api.workflowservice.v1.WorkflowService/PollWorkflowTaskQueue",
            "temporal.api.workflowservice.v1.WorkflowService/PollActivityTaskQueue");
    assertThat(temporalHealth(mall.url("api"))).isEqualTo("UP");
    assertThat(temporalHealth(mall.url("product-worker"))).isEqualTo("UP");
  }

  @Test
  void withoutAClientCertificateTheApiIsNotReadyAndAnswers503() {
    assertNotReady(
        securedConnection(authority.caFile(), null, API_KEY),
        api -> {
          MallHttp.Reply register =
              api.post(
                  "/api/user/register",
                  null,
                  Map.of(
                      "name",
                      "Nobody",
                      "gender",
                      1,
                      "mobile",
                      "13500000002",
                      "password",
                      "secret-123"));
          assertThat(register.status()).as(register.toString()).isEqualTo(503);
          assertThat(register.body().get("type").asText()).endsWith("/temporal-unavailable");
        });
  }

  @Test
  void aServerCertificateFromAnotherAuthorityIsNotTrusted() {
    TestCertificates stranger = TestCertificates.newAuthority(certificates, "stranger-ca");
    assertNotReady(securedConnection(stranger.caFile(), clientIdentity, API_KEY), api -> {});
  }

  @Test
  void aWrongApiKeyIsRefusedByTheFrontend() {
    int refusedBefore = frontend.refusedForApiKey();
    assertNotReady(securedConnection(authority.caFile(), clientIdentity, "not-the-key"), api -> {});
    assertThat(frontend.refusedForApiKey()).isGreaterThan(refusedBefore);
  }

  /**
   * Starts an API with this connection; it must report Temporal DOWN, then pass {@code alsoCheck}.
   */
  private static void assertNotReady(List<String> connection, Consumer<MallHttp> alsoCheck) {
    try (ConfigurableApplicationContext api =
        MallCluster.startApi("misconfigured-api", frontend.target(), connection)) {
      MallHttp http = new MallHttp(MallCluster.baseUrl(api));
      MallHttp.Reply readiness = http.get("/actuator/health/readiness");
      assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
      assertThat(readiness.body().at("/components/temporal/status").asText()).isEqualTo("DOWN");
      alsoCheck.accept(http);
    }
  }

  private static String temporalHealth(String baseUrl) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                new MallHttp(baseUrl)
                    .get("/actuator/health/readiness")
                    .body()
                    .at("/components/temporal/status")
                    .asText(),
            "UP"::equals);
  }
}
