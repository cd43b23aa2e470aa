package com.temporalmall.workers;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drains the starter's workers on shutdown (SIGTERM closes the context): polling stops, in-flight
 * workflow and activity tasks finish and report, for up to {@code mall.workers.drain-timeout},
 * while the databases they write to are still open. Hand-written because the starter (1.38) only
 * calls {@code WorkerFactory.shutdown()} when it destroys the factory bean, which does not wait,
 * and does so after the domains' DataSources may already be closed.
 */
final class WorkerDrain implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(WorkerDrain.class);

  private final WorkerFactory workers;
  private final Duration timeout;
  private volatile boolean running;

  WorkerDrain(WorkerFactory workers, Duration timeout) {
    this.workers = workers;
    this.timeout = timeout;
  }

  /** The starter starts the workers once the application is ready; this only arms the drain. */
  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    if (workers.isShutdown()) {
      return;
    }
    log.info("Draining Temporal workers (up to {})", timeout);
    workers.shutdown();
    workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Not stopped when the context is only paused (Spring's test context cache pauses the contexts it
   * is not using, and resumes them later): a drained WorkerFactory cannot start again, so the
   * workers of a paused context go on polling and are drained when it closes.
   */
  @Override
  public boolean isPauseable() {
    return false;
  }

  /** First to stop: before the web server and everything the activities use. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }
}
