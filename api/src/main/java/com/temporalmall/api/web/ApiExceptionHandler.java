package com.temporalmall.api.web;

import io.temporal.client.WorkflowException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as application/problem+json. Spring's base handler covers malformed JSON (400),
 * wrong method (405), wrong content type (415) and unknown paths (404).
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  @ExceptionHandler(WorkflowException.class)
  ProblemDetail workflowOutcome(WorkflowException failure) {
    return TemporalOutcomes.problemFor(failure);
  }

  /** A gRPC failure reaching Temporal (server down, deadline exceeded). */
  @ExceptionHandler(io.grpc.StatusRuntimeException.class)
  ProblemDetail temporalUnreachable(io.grpc.StatusRuntimeException failure) {
    return TemporalOutcomes.temporalUnavailable();
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem =
        Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request", "The request body is invalid");
    List<Map<String, String>> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
            .toList();
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }
}
