package com.temporalmall.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** A step that does nothing: what is left of a call is Temporal's own cost of dispatching it. */
@ActivityInterface
public interface NoopActivities {
  @ActivityMethod(name = "bench.noop")
  String noop(String input);

  final class Impl implements NoopActivities {
    @Override
    public String noop(String input) {
      return input;
    }
  }
}
