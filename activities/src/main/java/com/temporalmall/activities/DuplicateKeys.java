package com.temporalmall.activities;

import org.springframework.dao.DuplicateKeyException;

/**
 * Recognises a lost unique-key race. Spring Data JDBC wraps the {@link DuplicateKeyException} of a
 * failed save in a DbActionExecutionException, so catching the translated exception alone misses
 * it.
 */
public final class DuplicateKeys {
  private DuplicateKeys() {}

  public static boolean isDuplicateKey(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DuplicateKeyException) {
        return true;
      }
    }
    return false;
  }
}
