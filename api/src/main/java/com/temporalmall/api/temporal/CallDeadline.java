package com.temporalmall.api.temporal;

import io.grpc.Context;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One deadline for a blocking conversation with Temporal: the SDK bounds each gRPC call (10 s) but
 * retries a failed one for up to a minute, and waits for an update until a worker takes it without
 * any limit. The conversation runs in a gRPC context cancelled at the deadline, which ends whatever
 * call is under way at once: CANCELLED, which the SDK does not retry.
 */
final class CallDeadline {
  private CallDeadline() {}

  /**
   * {@code call}'s result, or {@code late}'s exception when it was still waiting after {@code
   * timeout}.
   */
  static <T> T within(
      Duration timeout, Supplier<T> call, Supplier<? extends RuntimeException> late) {
    Context.CancellableContext bounded = Context.current().withCancellation();
    CompletableFuture<Void> _ =
        CompletableFuture.runAsync(
            // Not a TimeoutException: gRPC would report DEADLINE_EXCEEDED, which the SDK retries.
            () -> bounded.cancel(new CancellationException("no answer within " + timeout)),
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
    Context previous = bounded.attach();
    try {
      return call.get();
    } catch (RuntimeException failure) {
      if (bounded.isCancelled()) {
        RuntimeException timedOut = late.get();
        timedOut.addSuppressed(failure);
        throw timedOut;
      }
      throw failure;
    } finally {
      bounded.detach(previous);
      bounded.cancel(null);
    }
  }
}
