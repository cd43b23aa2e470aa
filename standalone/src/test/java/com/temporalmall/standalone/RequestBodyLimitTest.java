package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The 16KB body limit holds for both ways a client can send a body, on the real server: with a
 * Content-Length and chunked (no declared length). A refused body registers nobody.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestBodyLimitTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @Autowired TestRestTemplate rest;

  private static String registration(String mobile, int nameLength) {
    return "{\"name\":\""
        + "x".repeat(nameLength)
        + "\",\"gender\":1,\"mobile\":\""
        + mobile
        + "\",\"password\":\"secret-pw\"}";
  }

  private HttpResponse<String> register(String body, boolean chunked) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest.BodyPublisher publisher =
        chunked
            ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
            : HttpRequest.BodyPublishers.ofByteArray(bytes);
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(rest.getRootUri() + "/api/user/register"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(publisher)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String login(String mobile) {
    return rest.postForEntity(
            "/api/user/login",
            java.util.Map.of("mobile", mobile, "password", "secret-pw"),
            String.class)
        .getStatusCode()
        .toString();
  }

  @Test
  void aChunkedBodyOverTheLimitIs413AndRegistersNobody() throws Exception {
    HttpResponse<String> refused = register(registration("13700000001", 30_000), true);

    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(refused.body()).contains("https://temporal-mall.dev/problems/payload-too-large");
    assertThat(login("13700000001")).startsWith("401");
  }

  @Test
  void aBodyWithADeclaredLengthOverTheLimitIs413() throws Exception {
    HttpResponse<String> refused = register(registration("13700000002", 30_000), false);

    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.body()).contains("payload-too-large");
    assertThat(login("13700000002")).startsWith("401");
  }

  @Test
  void aChunkedBodyWithinTheLimitIsServedAsUsual() throws Exception {
    HttpResponse<String> registered = register(registration("13700000003", 10), true);

    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    assertThat(login("13700000003")).startsWith("200");
  }
}
