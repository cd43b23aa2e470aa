package com.temporalmall.bench;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How a request that got no status ended, as a short stable label for the outcome counts. */
final class Outcomes {
  private Outcomes() {}

  static String of(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return "error:" + cause.getClass().getSimpleName();
  }
}
