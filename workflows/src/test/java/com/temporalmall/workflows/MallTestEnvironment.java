package com.temporalmall.workflows;

import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;

/** A Temporal test server with the mall's search attributes registered, as on a real namespace. */
public final class MallTestEnvironment {
  private MallTestEnvironment() {}

  public static TestWorkflowEnvironment newInstance() {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    MallSearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    return env;
  }

  /** The first ApplicationFailure in a client exception's causes, as the API reads its type. */
  public static ApplicationFailure applicationFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure application) {
        return application;
      }
    }
    throw new AssertionError("no ApplicationFailure in " + failure, failure);
  }
}
