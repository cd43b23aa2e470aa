package com.temporalmall.workflows;

import io.temporal.testing.TestWorkflowEnvironment;

/** A Temporal test server with the mall's search attributes registered, as on a real namespace. */
public final class MallTestEnvironment {
  private MallTestEnvironment() {}

  public static TestWorkflowEnvironment newInstance() {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    MallSearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    return env;
  }
}
