package com.temporalmall.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ConnectivityState;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * A worker host waits for its namespace instead of exiting when Temporal does not answer yet, and
 * gives up after {@code startup-wait} with a message that names the frontend. Time is the test's
 * own: each pause moves a clock the wait reads, so nothing here sleeps.
 */
class WorkerStartupWaitTest {
  private final AtomicLong clock = new AtomicLong();
  private final List<Duration> pauses = new ArrayList<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : toClose.reversed()) {
      closeable.close();
    }
  }

  private WorkflowServiceStubs stubsFor(int port) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + port)
                .setRpcTimeout(Duration.ofSeconds(5))
                .build());
    toClose.add(stubs::shutdownNow);
    return stubs;
  }

  private WorkerStartupWait waitingUpTo(Duration wait, Runnable onEachPause) {
    return new WorkerStartupWait(
        new StaticListableBeanFactory().getBeanProvider(WorkerFactory.class),
        wait,
        clock::get,
        pause -> {
          pauses.add(pause);
          clock.addAndGet(pause.toNanos());
          onEachPause.run();
        });
  }

  private static int aPortNobodyListensOn() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  @Test
  void aFrontendThatComesUpLateIsWaitedFor() throws IOException {
    int port = aPortNobodyListensOn();
    WorkflowServiceStubs stubs = stubsFor(port);
    WorkerStartupWait wait =
        waitingUpTo(
            Duration.ofMinutes(2),
            () -> {
              if (pauses.size() == 3) {
                toClose.add(TestServer.createPortBoundServer(port));
                // The pause is the test's clock, not real time: let the channel get there.
                await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> stubs.getRawChannel().getState(true) == ConnectivityState.READY);
              }
            });

    wait.awaitNamespace(stubs, "default");

    assertThat(pauses)
        .as("refused three times, then answered")
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void aFrontendThatNeverAnswersEndsTheWaitAfterItsBoundNamingTheTarget() throws IOException {
    int port = aPortNobodyListensOn();
    WorkerStartupWait wait = waitingUpTo(Duration.ofSeconds(20), () -> {});

    assertThatThrownBy(() -> wait.awaitNamespace(stubsFor(port), "default"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("127.0.0.1:" + port)
        .hasMessageContaining("within PT20S")
        .hasMessageContaining("mall.temporal.rpc.startup-wait")
        .cause()
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(pauses)
        .as("backing off up to 5 s, the last pause cut to the bound")
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(3));
  }

  @Test
  void aRefusedNamespaceFailsAtOnceSayingWaitingCannotFixIt() throws IOException {
    int port = aPortNobodyListensOn();
    Server frontend =
        ServerBuilder.forPort(port)
            .addService(
                new WorkflowServiceGrpc.WorkflowServiceImplBase() {
                  @Override
                  public void describeNamespace(
                      DescribeNamespaceRequest request,
                      StreamObserver<DescribeNamespaceResponse> answer) {
                    answer.onError(
                        Status.NOT_FOUND
                            .withDescription(
                                "Namespace " + request.getNamespace() + " is not found.")
                            .asRuntimeException());
                  }
                })
            .build()
            .start();
    toClose.add(frontend::shutdownNow);
    WorkerStartupWait wait = waitingUpTo(Duration.ofMinutes(2), () -> {});

    assertThatThrownBy(() -> wait.awaitNamespace(stubsFor(port), "no-such-namespace"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("127.0.0.1:" + port)
        .hasMessageContaining("refused namespace no-such-namespace")
        .hasMessageContaining("waiting cannot fix")
        .hasMessageNotContaining("within");
    assertThat(pauses).as("no retry of a final answer").isEmpty();
  }
}
