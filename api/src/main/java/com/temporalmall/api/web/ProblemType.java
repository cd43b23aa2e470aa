package com.temporalmall.api.web;

import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Every {@code type} an error of the mall can carry: its URI is {@code
 * https://temporal-mall.dev/problems/<slug>}, stable for clients to switch on. docs/api.md's table
 * of problem types lists exactly these (ProblemTypesDocumentedTest compares them).
 */
public enum ProblemType {
  VALIDATION(HttpStatus.BAD_REQUEST, "Invalid request"),
  MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request"),
  INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
  INVALID_IDEMPOTENCY_KEY(HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key"),
  UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Unauthorized"),
  BAD_CREDENTIALS(HttpStatus.UNAUTHORIZED, "Unauthorized"),
  INVALID_SIGNATURE(HttpStatus.UNAUTHORIZED, "Invalid signature"),
  FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  CONFLICT(HttpStatus.CONFLICT, "Conflict"),
  INSUFFICIENT_STOCK(HttpStatus.CONFLICT, "Insufficient stock"),
  PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large"),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused"),
  WORKFLOW_FAILED(HttpStatus.BAD_GATEWAY, "Workflow failed"),
  ORDER_COMPENSATED(
      HttpStatus.SERVICE_UNAVAILABLE, "Order not placed: a step failed and the saga compensated"),
  TEMPORAL_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Temporal unavailable"),
  DATABASE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable"),
  PAYMENT_PROVIDER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Payment provider unavailable"),
  TIMED_OUT(HttpStatus.GATEWAY_TIMEOUT, "Timed out"),
  /** Any other 4xx Spring MVC answers itself; its status and title are Spring's. */
  CLIENT_ERROR(null, null),
  /** Any other 5xx; its status and title are Spring's. */
  SERVER_ERROR(null, null);

  static final String BASE = "https://temporal-mall.dev/problems/";

  private final HttpStatus status;
  private final String title;

  ProblemType(HttpStatus status, String title) {
    this.status = status;
    this.title = title;
  }

  public String slug() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public URI uri() {
    return URI.create(BASE + slug());
  }

  /** The status this type is always answered with; null for the two catch-alls. */
  public HttpStatus status() {
    return status;
  }

  String title() {
    return title;
  }
}
