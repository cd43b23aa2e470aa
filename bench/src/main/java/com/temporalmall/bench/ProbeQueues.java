package com.temporalmall.bench;

/** The probes' task queues, named after the mall's queues whose roles they play. */
final class ProbeQueues {
  /** The plain probe's workflow code (the mall's `workflows` queue). */
  static final String WORKFLOWS = "bench-workflows";

  /**
   * The order domain: the plain probe's first activity; the order-shaped workflow and its local
   * step.
   */
  static final String ORDER = "bench-order";

  /** The product domain: the remote step of both probes. */
  static final String PRODUCT = "bench-product";

  private ProbeQueues() {}
}
