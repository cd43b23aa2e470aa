package com.temporalmall.api.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 7807 problem types of the mall: stable URIs clients can switch on. */
public final class Problems {
  static final String BASE = "https://temporal-mall.dev/problems/";

  private Problems() {}

  /** 409: the request conflicts with the state of the order, pay or product. */
  public static ProblemException conflict(String detail) {
    return new ProblemException(of(HttpStatus.CONFLICT, "conflict", "Conflict", detail));
  }

  /** 400: the request is well-formed but asks for something the mall does not allow. */
  public static ProblemException invalidRequest(String detail) {
    return new ProblemException(
        of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail));
  }

  /** 404: an unknown id (the same problem a workflow's NotFound failure becomes). */
  public static ProblemException notFound(String detail) {
    return new ProblemException(of(HttpStatus.NOT_FOUND, "not-found", "Not found", detail));
  }

  /** 403: another user's resource. */
  public static ProblemException forbidden(String detail) {
    return new ProblemException(of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail));
  }

  public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(BASE + type));
    problem.setTitle(title);
    return problem;
  }
}
