package com.temporalmall.api.web;

import com.temporalmall.api.temporal.TemporalOutcomes;
import io.temporal.client.WorkflowException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as application/problem+json. Spring's base handler covers malformed JSON
 * (400), wrong method (405), wrong content type (415) and unknown paths (404).
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  /** When a client may retry a {@code payment-provider-unavailable} request. */
  static final Duration PROVIDER_RETRY_AFTER = Duration.ofSeconds(10);

  /** When a client may retry an order refused because the API's start queue was full. */
  static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(5);

  @ExceptionHandler(WorkflowException.class)
  ResponseEntity<ProblemDetail> workflowOutcome(WorkflowException failure) {
    ProblemDetail problem = TemporalOutcomes.problemFor(failure);
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus());
    if (ProblemType.PAYMENT_PROVIDER_UNAVAILABLE.uri().equals(problem.getType())) {
      answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(PROVIDER_RETRY_AFTER.toSeconds()));
    }
    return answer.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  /** A gRPC failure reaching Temporal (server down, deadline exceeded). */
  @ExceptionHandler(io.grpc.StatusRuntimeException.class)
  ProblemDetail temporalUnreachable(io.grpc.StatusRuntimeException failure) {
    return TemporalOutcomes.temporalUnavailable();
  }

  /**
   * The executor that starts orders and reads stock for them has its queue full: Temporal or the
   * database stopped answering, and waiting behind that queue could only end in a timeout.
   */
  @ExceptionHandler(RejectedExecutionException.class)
  ResponseEntity<ProblemDetail> startsQueueFull(RejectedExecutionException failure) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(BUSY_RETRY_AFTER.toSeconds()))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(
            Problems.of(
                ProblemType.TEMPORAL_UNAVAILABLE,
                "Too many orders are waiting for the workflow service; retry later"));
  }

  /**
   * A domain database the API reads from cannot be reached (down, pool exhausted, wrong account),
   * or dropped a pooled connection mid-read (restarted: Connector/J's "Communications link failure"
   * on a connection the pool still held, a recoverable failure).
   */
  @ExceptionHandler({
    DataAccessResourceFailureException.class,
    RecoverableDataAccessException.class,
    TransientDataAccessException.class
  })
  ProblemDetail databaseUnreachable(DataAccessException failure) {
    return Problems.of(
        ProblemType.DATABASE_UNAVAILABLE,
        "A domain database cannot be read right now; retry later");
  }

  /**
   * Spring's own client errors (malformed JSON, 404, 405, 415) get a mall problem type too, so
   * clients can switch on {@code type} for every error.
   */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body == null && ex instanceof org.springframework.web.ErrorResponse errorResponse) {
      body = errorResponse.getBody();
    }
    // Spring Framework 7 leaves an untyped problem's type null ("about:blank" is implied).
    if (body instanceof ProblemDetail problem
        && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
      ProblemType type =
          switch (status.value()) {
            case 400 -> ProblemType.MALFORMED_REQUEST;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default ->
                status.is4xxClientError() ? ProblemType.CLIENT_ERROR : ProblemType.SERVER_ERROR;
          };
      problem.setType(type.uri());
      if (ex instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
        problem.setDetail(
            "The request body is not valid JSON for this endpoint (wrong syntax or field type)");
      }
    }
    return super.handleExceptionInternal(ex, body, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem = Problems.of(ProblemType.VALIDATION, "The request body is invalid");
    List<Map<String, String>> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(
                error ->
                    Map.of(
                        "field",
                        error.getField(),
                        "message",
                        String.valueOf(error.getDefaultMessage())))
            .toList();
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }
}
