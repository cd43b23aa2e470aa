package com.temporalmall.activities.barrier;

public enum BarrierOutcome {
  /** First delivery: the business SQL ran and committed with the barrier row. */
  APPLIED,
  /** A retry of a branch that already committed: the business SQL was skipped. */
  DUPLICATE,
  /**
   * A compensation whose action never committed: nothing to undo, and the action is now fenced off.
   */
  NULL_COMPENSATION,
  /** An action arriving after its compensation (a "hanging" action): refused, business skipped. */
  REFUSED_AFTER_COMPENSATION
}
