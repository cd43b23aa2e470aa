package com.temporalmall.standalone;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.temporalmall.api.temporal.TemporalStartsConfiguration;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import tools.jackson.databind.JsonNode;

/** A newcomer's first calls, against the embedded default exactly as the run command starts it. */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedDefaultTest {
  @Autowired TestRestTemplate rest;
  @Autowired WorkflowClient temporal;

  @Autowired
  @Qualifier(TemporalStartsConfiguration.EXECUTOR)
  ThreadPoolTaskExecutor placements;

  @Test
  void placementsWaitForTemporalOnVirtualThreads() throws Exception {
    assertThat(placements.submit(() -> Thread.currentThread().isVirtual()).get(10, SECONDS))
        .isTrue();
  }

  @Test
  void newcomerRegistersLogsInCreatesAProductAndOrdersIt() {
    ResponseEntity<JsonNode> registered =
        post(
            "/api/user/register",
            null,
            Map.of("name", "alice", "gender", 2, "mobile", "13900000000", "password", "alice-pw"));
    assertThat(registered.getStatusCode().value()).isEqualTo(200);
    assertThat(registered.getBody().get("mobile").asString()).isEqualTo("13900000000");

    ResponseEntity<JsonNode> login =
        post("/api/user/login", null, Map.of("mobile", "13900000000", "password", "alice-pw"));
    assertThat(login.getStatusCode().value()).isEqualTo(200);
    String token = login.getBody().get("accessToken").asString();

    ResponseEntity<JsonNode> product =
        post(
            "/api/product/create",
            token,
            Map.of("name", "kettle", "desc", "1.7 l", "stock", 2, "amount", 1999, "status", 1));
    assertThat(product.getStatusCode().value()).isEqualTo(200);
    long pid = product.getBody().get("id").asLong();

    ResponseEntity<JsonNode> order =
        post("/api/order/create", token, Map.of("pid", pid, "amount", 3998, "num", 2));
    assertThat(order.getStatusCode().value()).as(String.valueOf(order.getBody())).isEqualTo(200);
    long orderId = order.getBody().get("id").asLong();

    ResponseEntity<JsonNode> detail = post("/api/order/detail", token, Map.of("id", orderId));
    assertThat(detail.getBody().get("amount").asLong()).isEqualTo(3998);
    assertThat(detail.getBody().get("status").asInt()).isEqualTo(0);
    assertThat(post("/api/product/detail", token, Map.of("id", pid)).getBody().get("stock").asInt())
        .isZero();

    ResponseEntity<JsonNode> soldOut = post("/api/order/create", token, Map.of("pid", pid));
    assertThat(soldOut.getStatusCode().value()).isEqualTo(409);
    assertThat(soldOut.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    assertThat(soldOut.getBody().get("type").asString()).endsWith("/insufficient-stock");
    assertThat(soldOut.getBody().has("orderId"))
        .as("turned away before any saga: no order was written")
        .isFalse();
    assertThat(post("/api/order/list", token, Map.of()).getBody().size()).isEqualTo(1);
  }

  @Test
  void aRetriedCreateWithTheSameIdempotencyKeyReturnsTheFirstResult() {
    Map<String, Object> bob =
        Map.of("name", "bob", "gender", 1, "mobile", "13900000077", "password", "bob-pass");
    ResponseEntity<JsonNode> registered = post("/api/user/register", null, bob, "signup-1");
    ResponseEntity<JsonNode> retried = post("/api/user/register", null, bob, "signup-1");
    assertThat(retried.getStatusCode().value()).as("not a 409 conflict").isEqualTo(200);
    assertThat(retried.getBody().get("id")).isEqualTo(registered.getBody().get("id"));

    String token =
        post("/api/user/login", null, Map.of("mobile", "13900000077", "password", "bob-pass"))
            .getBody()
            .get("accessToken")
            .asString();
    long pid =
        post(
                "/api/product/create",
                token,
                Map.of("name", "mug", "stock", 5, "amount", 300, "status", 1),
                "mug-1")
            .getBody()
            .get("id")
            .asLong();
    assertThat(
            post(
                    "/api/product/create",
                    token,
                    Map.of("name", "mug", "stock", 5, "amount", 300, "status", 1),
                    "mug-1")
                .getBody()
                .get("id")
                .asLong())
        .isEqualTo(pid);

    long first =
        post("/api/order/create", token, Map.of("pid", pid, "num", 2), "cart-1")
            .getBody()
            .get("id")
            .asLong();
    long second =
        post("/api/order/create", token, Map.of("pid", pid, "num", 2), "cart-1")
            .getBody()
            .get("id")
            .asLong();

    assertThat(second).isEqualTo(first);
    assertThat(post("/api/product/detail", token, Map.of("id", pid)).getBody().get("stock").asInt())
        .as("one saga, one decrement")
        .isEqualTo(3);
  }

  private ResponseEntity<JsonNode> post(String path, String token, Map<String, ?> body) {
    return post(path, token, body, null);
  }

  private ResponseEntity<JsonNode> post(
      String path, String token, Map<String, ?> body, String idempotencyKey) {
    HttpHeaders headers = new HttpHeaders();
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (token != null) {
      headers.setBearerAuth(token);
    }
    return rest.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
  }
}
