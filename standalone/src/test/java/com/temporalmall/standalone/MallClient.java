package com.temporalmall.standalone;

import java.util.Map;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** The HTTP calls of a mall user. */
record MallClient(TestRestTemplate rest, String token) {
  static MallClient signUp(TestRestTemplate rest, String name, String mobile) {
    MallClient anonymous = new MallClient(rest, null);
    anonymous.post(
        "/api/user/register",
        Map.of("name", name, "gender", 1, "mobile", mobile, "password", name + "-pass"));
    String token =
        anonymous
            .post("/api/user/login", Map.of("mobile", mobile, "password", name + "-pass"))
            .getBody()
            .get("accessToken")
            .asString();
    return new MallClient(rest, token);
  }

  ResponseEntity<JsonNode> post(String path, Map<String, ?> body) {
    return post(path, body, null);
  }

  /** With an Idempotency-Key header, unless {@code idempotencyKey} is null. */
  ResponseEntity<JsonNode> post(String path, Map<String, ?> body, String idempotencyKey) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (token != null) {
      headers.setBearerAuth(token);
    }
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    return rest.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
  }

  JsonNode ok(String path, Map<String, ?> body) {
    ResponseEntity<JsonNode> reply = post(path, body);
    if (reply.getStatusCode().value() != 200) {
      throw new AssertionError(
          path + " answered " + reply.getStatusCode() + ": " + reply.getBody());
    }
    return reply.getBody();
  }

  int status(String path, Map<String, ?> body) {
    return post(path, body).getStatusCode().value();
  }

  long id(String path, Map<String, ?> body) {
    return ok(path, body).get("id").asLong();
  }
}
