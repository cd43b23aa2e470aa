package com.temporalmall.workflows;

/** One task queue per domain, served only by that domain's worker, plus one for workflow code. */
public final class TaskQueues {
  public static final String USER = "user";
  public static final String PRODUCT = "product";
  public static final String ORDER = "order";
  public static final String PAY = "pay";
  public static final String WORKFLOWS = "workflows";

  private TaskQueues() {}
}
