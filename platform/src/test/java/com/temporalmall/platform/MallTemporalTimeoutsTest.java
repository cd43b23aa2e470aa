package com.temporalmall.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;

/**
 * {@code mall.temporal.rpc.*} reaches the SDK's connection options through the starter's customizer
 * hook, and with them a call to a Temporal frontend that takes the connection and never answers (a
 * black hole) ends with DEADLINE_EXCEEDED instead of waiting for ever.
 */
class MallTemporalTimeoutsTest {
  /** An "answers at all" bound: without a deadline the call never returns. */
  private static final Duration ANSWERS_AT_ALL = Duration.ofSeconds(90);

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(MallTemporalTimeoutsAutoConfiguration.class));

  @SuppressWarnings("unchecked") // the customizer bean's generic type, checked by its bean type
  private static WorkflowServiceStubsOptions.Builder customized(
      org.springframework.context.ApplicationContext wired) {
    String[] names =
        wired.getBeanNamesForType(
            ResolvableType.forClassWithGenerics(
                TemporalOptionsCustomizer.class, WorkflowServiceStubsOptions.Builder.class));
    assertThat(names).hasSize(1);
    return ((TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder>)
            wired.getBean(names[0]))
        .customize(WorkflowServiceStubsOptions.newBuilder());
  }

  @Test
  void theDeadlinesAndKeepAliveAreSetAndConfigurable() {
    context.run(
        wired -> {
          WorkflowServiceStubsOptions options = customized(wired).validateAndBuildWithDefaults();
          assertThat(options.getRpcTimeout()).isEqualTo(Duration.ofSeconds(10));
          assertThat(options.getRpcLongPollTimeout()).isEqualTo(Duration.ofSeconds(70));
          assertThat(options.getRpcQueryTimeout()).isEqualTo(Duration.ofSeconds(10));
          assertThat(options.getKeepAliveTime()).isEqualTo(Duration.ofSeconds(30));
          assertThat(options.getKeepAliveTimeout()).isEqualTo(Duration.ofSeconds(15));
          assertThat(options.getKeepAlivePermitWithoutStream()).isTrue();
          assertThat(wired.getBean(MallTemporalTimeoutsAutoConfiguration.Rpc.class).startupWait())
              .isEqualTo(Duration.ofMinutes(2));
          assertThat(wired).hasSingleBean(WorkerStartupWait.class);
        });
    context
        .withPropertyValues("mall.temporal.rpc.timeout=3s", "mall.temporal.rpc.keep-alive-time=20s")
        .run(
            wired -> {
              WorkflowServiceStubsOptions options =
                  customized(wired).validateAndBuildWithDefaults();
              assertThat(options.getRpcTimeout()).isEqualTo(Duration.ofSeconds(3));
              assertThat(options.getKeepAliveTime()).isEqualTo(Duration.ofSeconds(20));
            });
  }

  @Test
  void aFrontendThatNeverAnswersEndsTheCallAtItsDeadline() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try {
                  while (true) {
                    held.add(blackHole.accept()); // and never a byte back
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      context.run(
          wired -> {
            WorkflowServiceStubs stubs =
                WorkflowServiceStubs.newServiceStubs(
                    customized(wired).setTarget("127.0.0.1:" + blackHole.getLocalPort()).build());
            try {
              assertTimeoutPreemptively(
                  ANSWERS_AT_ALL,
                  () ->
                      assertThatThrownBy(
                              () ->
                                  WorkflowClient.newInstance(stubs)
                                      .newUntypedWorkflowStub("never-answered")
                                      .describe())
                          .hasRootCauseInstanceOf(StatusRuntimeException.class)
                          .rootCause()
                          .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
                          .isEqualTo(Status.Code.DEADLINE_EXCEEDED));

            } finally {
              stubs.shutdownNow();
            }
          });
      assertThat(held).as("the client did reach the black hole").isNotEmpty();
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
