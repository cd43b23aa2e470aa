package com.temporalmall.api.web;

import org.springframework.http.ProblemDetail;

/** RFC 7807 problem types of the mall: stable URIs clients can switch on. */
public final class Problems {
  private Problems() {}

  /** 409: the request conflicts with the state of the order, pay or product. */
  public static ProblemException conflict(String detail) {
    return new ProblemException(of(ProblemType.CONFLICT, detail));
  }

  /** 400: the request is well-formed but asks for something the mall does not allow. */
  public static ProblemException invalidRequest(String detail) {
    return new ProblemException(of(ProblemType.INVALID_REQUEST, detail));
  }

  /** 404: an unknown id (the same problem a workflow's NotFound failure becomes). */
  public static ProblemException notFound(String detail) {
    return new ProblemException(of(ProblemType.NOT_FOUND, detail));
  }

  /** 403: another user's resource. */
  public static ProblemException forbidden(String detail) {
    return new ProblemException(of(ProblemType.FORBIDDEN, detail));
  }

  /** A problem of the given type, with its status and title; not for the two catch-alls. */
  public static ProblemDetail of(ProblemType type, String detail) {
    if (type.status() == null) {
      throw new IllegalArgumentException(type + " takes Spring's own status");
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
    problem.setType(type.uri());
    problem.setTitle(type.title());
    return problem;
  }
}
