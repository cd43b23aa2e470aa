package com.temporalmall.api.temporal;

import com.temporalmall.api.web.ProblemException;
import com.temporalmall.workflows.IdempotentRequests;
import io.temporal.client.WorkflowStub;

/**
 * A keyed request whose workflow id already exists is a retry only if it is the request the key was
 * first used for: its fingerprint must be the one in that execution's memo.
 */
final class KeyedRetries {
  private KeyedRetries() {}

  /**
   * Reads the existing execution's memo (one describe call, made only when the id already exists).
   *
   * @throws ProblemException 422 {@code idempotency-key-reused} for a different request
   */
  static void requireFirstRequest(WorkflowStub existing, String workflowId, String fingerprint) {
    String first =
        existing.describe().getMemo(IdempotentRequests.MEMO_KEY, String.class, String.class);
    if (!IdempotentRequests.sameRequest(first, fingerprint)) {
      throw new ProblemException(TemporalOutcomes.keyReused(workflowId));
    }
  }
}
