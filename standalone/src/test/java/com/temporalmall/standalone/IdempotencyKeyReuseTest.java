package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * An Idempotency-Key answers retries of the request it was first used for, and nothing else: the
 * same request again gets the first outcome, a different request under the same key gets 422 {@code
 * idempotency-key-reused} and changes nothing - on every endpoint that takes a key.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdempotencyKeyReuseTest {
  private static final String REUSED = "https://temporal-mall.dev/problems/idempotency-key-reused";

  @Autowired TestRestTemplate rest;

  private ResponseEntity<JsonNode> post(
      String path, String token, String key, Map<String, ?> body) {
    return new MallClient(rest, token).post(path, body, key);
  }

  @Test
  void anOrderKeyAnswersItsOwnRequestOnly() {
    MallClient kim = MallClient.signUp(rest, "kim", "13500000001");
    long pid =
        kim.id(
            "/api/product/create", Map.of("name", "mug", "stock", 5, "amount", 300, "status", 1));

    ResponseEntity<JsonNode> first =
        post("/api/order/create", kim.token(), "cart-1", Map.of("pid", pid, "num", 1));
    ResponseEntity<JsonNode> retry =
        post("/api/order/create", kim.token(), "cart-1", Map.of("num", 1, "pid", pid));
    ResponseEntity<JsonNode> other =
        post("/api/order/create", kim.token(), "cart-1", Map.of("pid", pid, "num", 3));

    assertThat(first.getStatusCode().value()).isEqualTo(200);
    assertThat(retry.getStatusCode().value()).as("same request, fields reordered").isEqualTo(200);
    assertThat(retry.getBody().get("id").asLong()).isEqualTo(first.getBody().get("id").asLong());
    assertThat(other.getStatusCode().value()).isEqualTo(422);
    assertThat(other.getBody().get("type").asString()).isEqualTo(REUSED);
    assertThat(kim.ok("/api/product/detail", Map.of("id", pid)).get("stock").asInt())
        .as("one order of one mug")
        .isEqualTo(4);
  }

  @Test
  void aProductKeyAnswersItsOwnRequestOnly() {
    MallClient lee = MallClient.signUp(rest, "lee", "13500000002");
    Map<String, Object> lamp = Map.of("name", "lamp", "stock", 1, "amount", 900, "status", 1);

    ResponseEntity<JsonNode> first = post("/api/product/create", lee.token(), "new-lamp", lamp);
    ResponseEntity<JsonNode> retry = post("/api/product/create", lee.token(), "new-lamp", lamp);
    ResponseEntity<JsonNode> other =
        post(
            "/api/product/create",
            lee.token(),
            "new-lamp",
            Map.of("name", "desk", "stock", 1, "amount", 900, "status", 1));

    assertThat(first.getStatusCode().value()).isEqualTo(200);
    assertThat(retry.getBody().get("id").asLong()).isEqualTo(first.getBody().get("id").asLong());
    assertThat(other.getStatusCode().value()).isEqualTo(422);
    assertThat(other.getBody().get("type").asString()).isEqualTo(REUSED);
  }

  @Test
  void aRegisterKeyAnswersItsOwnRequestOnly() {
    Map<String, Object> may =
        Map.of("name", "may", "gender", 2, "mobile", "13500000003", "password", "may-pass");

    ResponseEntity<JsonNode> first = post("/api/user/register", null, "signup-may", may);
    ResponseEntity<JsonNode> retry = post("/api/user/register", null, "signup-may", may);
    ResponseEntity<JsonNode> other =
        post(
            "/api/user/register",
            null,
            "signup-may",
            Map.of("name", "may", "gender", 2, "mobile", "13500000004", "password", "may-pass"));

    assertThat(first.getStatusCode().value()).isEqualTo(200);
    assertThat(retry.getBody().get("id").asLong()).isEqualTo(first.getBody().get("id").asLong());
    assertThat(other.getStatusCode().value()).isEqualTo(422);
    assertThat(other.getBody().get("type").asString()).isEqualTo(REUSED);
    assertThat(
            rest.postForEntity(
                    "/api/user/login",
                    Map.of("mobile", "13500000004", "password", "may-pass"),
                    String.class)
                .getStatusCode()
                .value())
        .as("the refused request registered nobody")
        .isEqualTo(401);
  }
}
