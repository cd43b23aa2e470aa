package com.temporalmall.api.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The optional {@code Idempotency-Key} header of create endpoints. It becomes part of the workflow
 * id, and Temporal refuses a second workflow with the same id, so a client retry returns the first
 * request's outcome instead of starting a second saga. Keys are scoped to the caller, so two users
 * cannot collide (or read each other's result) by choosing the same key.
 */
public final class IdempotencyKey {
  public static final String HEADER = "Idempotency-Key";
  public static final int MAX_LENGTH = 64;
  public static final String PATTERN = "^[A-Za-z0-9_.:-]{1," + MAX_LENGTH + "}$";
  private static final Pattern VALID = Pattern.compile(PATTERN);

  private IdempotencyKey() {}

  /**
   * The request id to build a workflow id from: derived from the key, or fresh without one. Keyed
   * requests get their fingerprint from {@link IdempotencyKeys}.
   */
  static RequestId of(String header, String scope) {
    if (header == null) {
      return new RequestId(UUID.randomUUID().toString(), false, null);
    }
    if (!VALID.matcher(header).matches()) {
      throw new ProblemException(
          Problems.of(
              ProblemType.INVALID_IDEMPOTENCY_KEY,
              "Idempotency-Key must be 1-64 characters of A-Z a-z 0-9 _ . : -"));
    }
    return new RequestId(scope + "-" + header, true, null);
  }

  /**
   * {@code keyed}: a repeated id must return the first outcome rather than run again, if its {@code
   * fingerprint} (null without a key) is the first request's.
   */
  public record RequestId(String value, boolean keyed, String fingerprint) {}
}
