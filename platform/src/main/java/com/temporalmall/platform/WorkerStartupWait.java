package com.temporalmall.platform;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Holds a worker host's start until its Temporal namespace answers, for at most {@code
 * mall.temporal.rpc.startup-wait}. The starter starts the workers when the application is ready,
 * and {@link WorkerFactory#start()} asks the frontend once, within one call's deadline: a worker
 * that came up beside a Temporal server still starting, or on a machine too busy to answer in 10 s,
 * exited instead of waiting. Runs before the starter's own listener. A namespace that does not
 * exist, or credentials the server refuses, still fail the start at once: waiting cannot fix them.
 */
public class WorkerStartupWait implements ApplicationListener<ApplicationReadyEvent>, Ordered {
  private static final Logger log = LoggerFactory.getLogger(WorkerStartupWait.class);
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
  private static final Set<Status.Code> FINAL =
      EnumSet.of(
          Status.Code.NOT_FOUND,
          Status.Code.INVALID_ARGUMENT,
          Status.Code.PERMISSION_DENIED,
          Status.Code.UNAUTHENTICATED,
          Status.Code.UNIMPLEMENTED);

  /** How a pause between two attempts is spent; a test passes one that moves its own clock. */
  interface Pause {
    void sleep(Duration pause) throws InterruptedException;
  }

  private final ObjectProvider<WorkerFactory> factories;
  private final Duration wait;
  private final LongSupplier nanoTime;
  private final Pause pause;

  public WorkerStartupWait(ObjectProvider<WorkerFactory> factories, Duration wait) {
    this(factories, wait, System::nanoTime, pause -> Thread.sleep(pause));
  }

  WorkerStartupWait(
      ObjectProvider<WorkerFactory> factories, Duration wait, LongSupplier nanoTime, Pause pause) {
    this.factories = factories;
    this.wait = wait;
    this.nanoTime = nanoTime;
    this.pause = pause;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent ready) {
    WorkerFactory factory = factories.getIfAvailable();
    if (factory == null || factory.isStarted()) {
      return;
    }
    awaitNamespace(
        factory.getWorkflowClient().getWorkflowServiceStubs(),
        factory.getWorkflowClient().getOptions().getNamespace());
  }

  void awaitNamespace(WorkflowServiceStubs service, String namespace) {
    long giveUpAt = nanoTime.getAsLong() + wait.toNanos();
    Duration next = FIRST_PAUSE;
    for (int attempt = 1; ; attempt++) {
      try {
        // gRPC backs off reconnecting for up to 2 minutes and fails calls at once meanwhile: each
        // attempt dials again, so a frontend that is back is found by the next one.
        service.getRawChannel().resetConnectBackoff();
        service
            .blockingStub()
            .describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
        if (attempt > 1) {
          log.info("Temporal answered for namespace {} after {} attempts", namespace, attempt);
        }
        return;
      } catch (StatusRuntimeException unanswered) {
        long left = giveUpAt - nanoTime.getAsLong();
        if (FINAL.contains(unanswered.getStatus().getCode())) {
          throw new IllegalStateException(
              "Temporal at %s refused namespace %s, which waiting cannot fix: %s"
                  .formatted(service.getOptions().getTarget(), namespace, unanswered.getStatus()),
              unanswered);
        }
        if (left <= 0) {
          throw new IllegalStateException(
              "Temporal at %s did not answer for namespace %s within %s (mall.temporal.rpc.startup-wait): %s"
                  .formatted(
                      service.getOptions().getTarget(), namespace, wait, unanswered.getStatus()),
              unanswered);
        }
        Duration sleep = shorter(next, Duration.ofNanos(left));
        log.warn(
            "Temporal at {} did not answer for namespace {} ({}); the workers wait for it, next try in {}",
            service.getOptions().getTarget(),
            namespace,
            unanswered.getStatus().getCode(),
            sleep);
        try {
          pause.sleep(sleep);
        } catch (InterruptedException stopped) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("stopped while waiting for Temporal", stopped);
        }
        next = shorter(next.multipliedBy(2), LONGEST_PAUSE);
      }
    }
  }

  private static Duration shorter(Duration one, Duration other) {
    return one.compareTo(other) <= 0 ? one : other;
  }
}
