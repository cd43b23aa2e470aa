package com.temporalmall.workflows;

import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.Map;

/**
 * A workflow started for a request that carried an Idempotency-Key keeps that request's fingerprint
 * (a keyed hash of the caller and the request's canonical form, made by the API) in its memo under
 * {@link #MEMO_KEY}: a retry with the same key is the same request only if its fingerprint matches.
 * Temporal's workflow id makes the key unique; the fingerprint tells a retry from a different
 * request that reused the key (answered 422, after the IETF httpapi Idempotency-Key draft).
 */
public final class IdempotentRequests {
  public static final String MEMO_KEY = "fingerprint";

  private IdempotentRequests() {}

  /** {@code memo} plus the fingerprint, when there is one (requests without a key have none). */
  public static Map<String, Object> memo(Map<String, Object> memo, String fingerprint) {
    if (fingerprint == null) {
      return memo;
    }
    Map<String, Object> withFingerprint = new HashMap<>(memo);
    withFingerprint.put(MEMO_KEY, fingerprint);
    return withFingerprint;
  }

  /** Whether a request with {@code fingerprint} may have the outcome of one with {@code first}. */
  public static boolean sameRequest(String first, String fingerprint) {
    return fingerprint == null || first == null || first.equals(fingerprint);
  }

  /**
   * In workflow code: refuses, with {@link MallFailures#IDEMPOTENCY_KEY_REUSED}, a request whose
   * fingerprint differs from the one this execution was started for.
   */
  public static void requireSameRequest(String fingerprint) {
    if (!sameRequest(Workflow.getMemo(MEMO_KEY, String.class, String.class), fingerprint)) {
      throw MallFailures.idempotencyKeyReused(
          "the Idempotency-Key of "
              + Workflow.getInfo().getWorkflowId()
              + " was first used for a different request");
    }
  }
}
