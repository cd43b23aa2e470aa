package com.temporalmall.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A go-zero mall client: every call is a JSON POST, with a bearer token when logged in. */
final class MallHttp {
  record Reply(int status, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  MallHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  Reply get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET());
  }

  Reply post(String path, String token, Map<String, ?> body) {
    return post(path, token, body, Map.of());
  }

  Reply post(String path, String token, Map<String, ?> body, Map<String, String> headers) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .timeout(Duration.ofMinutes(2))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      headers.forEach(request::header);
      return send(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      return new Reply(response.statusCode(), text.isBlank() ? null : JSON.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Registers a fresh user and returns a token for it. */
  String registerAndLogin(String mobile) {
    Reply registered =
        post(
            "/api/user/register",
            null,
            Map.of(
                "name",
                "buyer " + mobile,
                "gender",
                1,
                "mobile",
                mobile,
                "password",
                "secret-123"));
    if (registered.status() != 200) {
      throw new IllegalStateException("register failed: " + registered);
    }
    Reply login = post("/api/user/login", null, Map.of("mobile", mobile, "password", "secret-123"));
    if (login.status() != 200) {
      throw new IllegalStateException("login failed: " + login);
    }
    return login.body().get("accessToken").asText();
  }

  long createProduct(String token, int stock, long unitPrice) {
    Reply created =
        post(
            "/api/product/create",
            token,
            Map.of(
                "name", "widget", "desc", "e2e", "stock", stock, "amount", unitPrice, "status", 1));
    if (created.status() != 200) {
      throw new IllegalStateException("product create failed: " + created);
    }
    return created.body().get("id").asLong();
  }
}
