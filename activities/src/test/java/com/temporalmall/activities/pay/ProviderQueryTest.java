package com.temporalmall.activities.pay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.pay.PayStatus;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.pay.ProviderPayment;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code pay.query} against a provider on a local port: {@code GET /checkouts/{id}} read into
 * captured or not, with the capture event's id; what is refused for good and what is retried. It
 * reads only, so it needs neither the pay database nor the barrier.
 */
class ProviderQueryTest {
  private static final PayView PAY = new PayView(9, 3, 5, 700, 0, PayStatus.UNPAID, "co_9");

  /** The provider's answers by path: status and body. */
  private final Map<String, Map.Entry<Integer, String>> answers = new ConcurrentHashMap<>();

  private HttpServer server;
  private HttpPaymentProvider provider;
  private PayActivitiesImpl activities;

  @BeforeEach
  void startProvider() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/v1/checkouts/",
        exchange -> {
          var answer =
              answers.getOrDefault(exchange.getRequestURI().getPath(), Map.entry(404, "{}"));
          byte[] body = answer.getValue().getBytes(UTF_8);
          exchange.sendResponseHeaders(answer.getKey(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    provider =
        new HttpPaymentProvider(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1"),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            "CNY");
    activities = new PayActivitiesImpl(null, null, provider);
  }

  @AfterEach
  void stopProvider() {
    server.stop(0);
  }

  private void checkout(String status, long reference, String currency, String events) {
    answers.put(
        "/v1/checkouts/co_9",
        Map.entry(
            200,
            """
            {"id":"co_9","reference":%d,"amount":700,"currency":"%s","status":"%s",\
            "created":1796129120,"events":[%s]}"""
                .formatted(reference, currency, status, events)));
  }

  private static final String CAPTURE_EVENT =
      "{\"id\":\"evt_1\",\"type\":\"checkout.captured\",\"attempts\":0,\"lastStatus\":0,"
          + "\"delivered\":false}";

  @Test
  void aCapturedCheckoutIsReportedWithItsCaptureEvent() {
    checkout("captured", 9, "CNY", CAPTURE_EVENT);

    assertThat(activities.query(PAY))
        .isEqualTo(new ProviderPayment("co_9", true, 700, "CNY", "evt_1"));
  }

  @Test
  void anOpenCheckoutIsNotCaptured() {
    checkout("open", 9, "CNY", "");

    assertThat(activities.query(PAY))
        .isEqualTo(new ProviderPayment("co_9", false, 700, "CNY", null));
  }

  @Test
  void aCheckoutOfAnotherPayOrCurrencyIsRefusedForGood() {
    checkout("captured", 10, "CNY", CAPTURE_EVENT);
    assertThatThrownBy(() -> activities.query(PAY))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(MallFailures.INVALID_REQUEST);
              assertThat(failure.isNonRetryable()).isTrue();
            });

    checkout("captured", 9, "USD", CAPTURE_EVENT);
    assertThatThrownBy(() -> activities.query(PAY))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo(MallFailures.INVALID_REQUEST));
  }

  @Test
  void aCheckoutTheProviderDoesNotKnowIsNotFoundForGood() {
    assertThatThrownBy(() -> activities.query(PAY))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(MallFailures.NOT_FOUND);
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }

  @Test
  void aProviderThatFailsOrCannotBeReachedFailsTheAttemptToBeRetried() {
    answers.put("/v1/checkouts/co_9", Map.entry(503, "{}"));
    assertThatThrownBy(() -> activities.query(PAY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("503");

    server.stop(0);
    assertThatThrownBy(() -> activities.query(PAY))
        .isInstanceOf(PaymentProvider.Unavailable.class)
        .hasMessageContaining("cannot be reached");
  }

  @Test
  void aCheckoutIdThatIsNotOneIsNeverSent() {
    PayView odd = new PayView(9, 3, 5, 700, 0, PayStatus.UNPAID, "../co_9");

    assertThatThrownBy(() -> activities.query(odd))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo(MallFailures.INVALID_REQUEST));
  }
}
