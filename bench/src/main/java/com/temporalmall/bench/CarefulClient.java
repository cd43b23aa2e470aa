package com.temporalmall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Clients that place orders the careful way: each order has its own Idempotency-Key and is sent
 * again with that key after a 5xx (other than the final 503 {@code order-compensated}) or a dropped
 * connection, until it gets a final answer or its deadline passes.
 */
final class CarefulClient {
  /** How one order ended, and every answer it got on the way. */
  record Order(
      String key,
      int status,
      String problem,
      Long orderId,
      List<String> retriedAnswers,
      boolean finalAnswer,
      double secondsToAnswer,
      double answeredAfterSeconds) {
    boolean placed() {
      return finalAnswer && status == 200;
    }

    /** The final answer as counted in the report: the status, with the problem type for a 503. */
    String outcome() {
      if (!finalAnswer) {
        return "no final answer";
      }
      return status == 503 && problem != null ? status + " " + problem : String.valueOf(status);
    }
  }

  private static final String COMPENSATED = "order-compensated";
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .executor(Executors.newFixedThreadPool(4))
          .build();
  private final String api;
  private final List<String> tokens;
  private final Duration deadline;
  private final PrintStream log;

  /** Every answer that is retried goes to {@code log}, one line each. */
  CarefulClient(String api, List<String> tokens, Duration deadline, PrintStream log) {
    this.api = api;
    this.tokens = tokens;
    this.deadline = deadline;
    this.log = log;
  }

  /**
   * Places {@code orders} orders for product {@code pid}, the i-th sent at i / perSecond seconds
   * (open loop: an order does not wait for the previous one), users taking turns. Returns once
   * every order has its final answer or has passed its deadline.
   */
  List<Order> place(String scenario, long pid, int orders, double perSecond)
      throws InterruptedException {
    return place(scenario, pid, orders, perSecond, System.nanoTime());
  }

  /**
   * As {@link #place(String, long, int, double)}, the i-th order sent at {@code start} (a
   * System.nanoTime()) + i / perSecond seconds; every {@code answeredAfterSeconds} counts from
   * {@code start}, the clock the caller keeps its faults on.
   */
  List<Order> place(String scenario, long pid, int orders, double perSecond, long start)
      throws InterruptedException {
    ExecutorService clients = Executors.newFixedThreadPool(orders);
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Future<Order>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < orders; i++) {
        String key = "chaos-" + scenario + "-" + run + "-" + i;
        String token = tokens.get(i % tokens.size());
        long sendAt = start + (long) (i * 1e9 / perSecond);
        futures.add(
            clients.submit(
                () -> {
                  TimeUnit.NANOSECONDS.sleep(Math.max(0, sendAt - System.nanoTime()));
                  return placeOne(key, token, pid, start);
                }));
      }
      List<Order> answers = new ArrayList<>();
      for (Future<Order> future : futures) {
        try {
          answers.add(future.get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a client failed", e.getCause());
        }
      }
      return answers;
    } finally {
      clients.shutdownNow();
    }
  }

  /**
   * One order of user {@code user} (an index into the tokens), sent once with its own key and not
   * retried, waiting at most {@code timeout}. Its answer is final or not as {@link #isFinal} says;
   * an answer that is not final, or none (a dropped connection, the timeout), gives {@code
   * finalAnswer} false, the status (0 for none) and, in {@code problem}, the problem type or the
   * error.
   */
  Order once(String key, int user, long pid, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    try {
      HttpResponse<String> response =
          http.send(
              request(key, tokens.get(user % tokens.size()), pid, timeout),
              HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      String problem = problemType(response.body());
      boolean isFinal = isFinal(status, problem);
      Long orderId =
          isFinal && status == 200 ? Json.read(response.body()).get("id").asLong() : null;
      return new Order(
          key, status, problem, orderId, List.of(), isFinal, seconds(start), seconds(start));
    } catch (IOException e) {
      return new Order(
          key, 0, Outcomes.of(e), null, List.of(), false, seconds(start), seconds(start));
    }
  }

  /**
   * One order of user {@code user} (an index into the tokens), sent the careful way (retried with
   * its key until a final answer or the deadline); {@code since} (a System.nanoTime()) is what its
   * {@code answeredAfterSeconds} counts from.
   */
  Order placeCarefully(String key, int user, long pid, long since) throws InterruptedException {
    return placeOne(key, tokens.get(user % tokens.size()), pid, since);
  }

  private HttpRequest request(String key, String token, long pid, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(api + "/api/order/create"))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("pid", pid))))
        .build();
  }

  private Order placeOne(String key, String token, long pid, long loadStart)
      throws InterruptedException {
    long start = System.nanoTime();
    long giveUpAt = start + deadline.toNanos();
    List<String> retried = new ArrayList<>();
    HttpRequest request = request(key, token, pid, Duration.ofSeconds(90));
    while (true) {
      String answer;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        String problem = problemType(response.body());
        if (isFinal(status, problem)) {
          Long orderId = status == 200 ? Json.read(response.body()).get("id").asLong() : null;
          return new Order(
              key, status, problem, orderId, retried, true, seconds(start), seconds(loadStart));
        }
        answer = status + (problem == null ? "" : " " + problem);
      } catch (IOException e) {
        answer = Outcomes.of(e);
      }
      retried.add(answer);
      log.printf("%s %s: %s, retrying with its key%n", java.time.Instant.now(), key, answer);
      if (System.nanoTime() > giveUpAt) {
        return new Order(key, 0, null, null, retried, false, seconds(start), seconds(loadStart));
      }
      TimeUnit.SECONDS.sleep(Math.min(5, retried.size()));
    }
  }

  /**
   * Final: any answer below 500, and the 503 of a saga that compensated (retrying it with the key
   * returns the same). Retried: every other 5xx - Temporal or a database unreachable (503), the
   * API's timeout (504), anything unexpected.
   */
  static boolean isFinal(int status, String problem) {
    return status < 500 || (status == 503 && COMPENSATED.equals(problem));
  }

  /** The last segment of an RFC 7807 type URI ("order-compensated"), or null. */
  static String problemType(String body) {
    try {
      JsonNode type = Json.read(body).get("type");
      if (type == null || !type.isTextual()) {
        return null;
      }
      String uri = type.asText();
      return uri.substring(uri.lastIndexOf('/') + 1);
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static double seconds(long since) {
    return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
  }
}
