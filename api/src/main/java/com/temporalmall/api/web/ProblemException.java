package com.temporalmall.api.web;

import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Ends a request with the given problem (rendered as application/problem+json). */
public class ProblemException extends ErrorResponseException {
  public ProblemException(ProblemDetail problem) {
    super(org.springframework.http.HttpStatusCode.valueOf(problem.getStatus()), problem, null);
  }
}
