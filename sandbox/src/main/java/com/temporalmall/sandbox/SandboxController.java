package com.temporalmall.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The sandbox provider's API, under {@code /sandbox/v1}: a merchant opens a checkout ({@code POST
 * /checkouts}, Idempotency-Key honoured), the buyer pays it ({@code POST /checkouts/{id}/pay}) and
 * the merchant can ask about it ({@code GET /checkouts/{id}}) and refund it ({@code POST
 * /checkouts/{id}/refunds}, Idempotency-Key honoured); {@code GET /ledger} lists every capture and
 * refund.
 */
@RestController
@RequestMapping(path = "/sandbox/v1", produces = "application/json")
public class SandboxController {
  /** How long a refused payment is told to wait: about the first retries of a pending event. */
  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final Checkouts checkouts;
  private final Refunds refunds;
  private final Duration firstAttemptWait;

  public SandboxController(Checkouts checkouts, Refunds refunds, SandboxProperties properties) {
    this.checkouts = checkouts;
    this.refunds = refunds;
    SandboxProperties.Delivery delivery = properties.delivery();
    this.firstAttemptWait = delivery.delay().plus(delivery.requestTimeout()).plusSeconds(5);
  }

  @PostMapping(path = "/checkouts", consumes = "application/json")
  public Checkout create(
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestBody Checkouts.NewCheckout request) {
    if (request.reference() <= 0
        || request.amount() < 0
        || request.currency() == null
        || !request.currency().matches("[A-Z]{3}")) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "a checkout needs a positive reference, an amount of at least 0 and a currency");
    }
    try {
      return checkouts.create(idempotencyKey, request);
    } catch (Checkouts.KeyReused e) {
      throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    }
  }

  @GetMapping("/checkouts/{id}")
  public Checkout get(@PathVariable String id) {
    return checkouts.find(id).orElseThrow(() -> unknown(id));
  }

  /**
   * Captures the checkout and answers once the event's first delivery attempt has finished,
   * whatever it got (later attempts run on their own); with {@code sandbox.delivery.delay} set, it
   * answers without waiting past that. The body is optional: {@code {"dropEvents":true}} (chaos,
   * for tests) loses this payment's event - captured, never delivered.
   */
  @PostMapping("/checkouts/{id}/pay")
  public Checkout pay(
      @PathVariable String id, @RequestBody(required = false) Checkouts.Payment payment)
      throws InterruptedException {
    boolean dropEvents = payment != null && payment.dropEvents();
    var paid = checkouts.pay(id, dropEvents).orElseThrow(() -> unknown(id));
    try {
      return paid.get(firstAttemptWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException stillDelivering) {
      return get(id);
    }
  }

  /**
   * Refunds a captured checkout: the whole amount left, or {@code amount} of it. The same
   * Idempotency-Key answers the same refund; a refund the provider cannot make is a 409 (422 for a
   * key used for another refund) whose body's {@code error} says why, e.g. {@value
   * Refunds#ALREADY_REFUNDED}.
   */
  @PostMapping("/checkouts/{id}/refunds")
  public Refund refund(
      @PathVariable String id,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestBody(required = false) Refunds.NewRefund request) {
    Refunds.NewRefund asked = request == null ? new Refunds.NewRefund(null) : request;
    if (asked.amount() != null && asked.amount() <= 0) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a refund's amount is positive");
    }
    return refunds.refund(get(id), idempotencyKey, asked);
  }

  /** Every capture, then every refund, oldest first. */
  @GetMapping("/ledger")
  public Ledger ledger() {
    List<Ledger.Entry> entries = new ArrayList<>(checkouts.captures());
    for (Refund refund : refunds.all()) {
      entries.add(
          new Ledger.Entry(
              Ledger.REFUND,
              refund.id(),
              refund.checkout(),
              refund.reference(),
              refund.amount(),
              refund.currency(),
              refund.idempotencyKey()));
    }
    return new Ledger(entries);
  }

  @ExceptionHandler(Refunds.Refused.class)
  ResponseEntity<Map<String, Object>> refused(Refunds.Refused refused) {
    HttpStatus status =
        Refunds.KEY_REUSED.equals(refused.error())
            ? HttpStatus.UNPROCESSABLE_CONTENT
            : HttpStatus.CONFLICT;
    return ResponseEntity.status(status)
        .body(
            Map.of(
                "status",
                status.value(),
                "error",
                refused.error(),
                "message",
                refused.getMessage()));
  }

  /**
   * Too many events wait for delivery: the payment was refused before anything changed (the
   * checkout is still open), so the buyer can pay again a little later.
   */
  @ExceptionHandler(Checkouts.Busy.class)
  ResponseEntity<ProblemDetail> busy(Checkouts.Busy busy) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, busy.getMessage());
    problem.setTitle("Provider busy");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static ResponseStatusException unknown(String id) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "no checkout " + id);
  }
}
