package com.temporalmall.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.temporalmall.workflows.user.NewUser;
import com.temporalmall.workflows.user.UserContract;
import com.temporalmall.workflows.user.UserView;
import com.temporalmall.workflows.user.UserWrites;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker host as deployed (WorkersApplication, the starter's worker for {@code
 * mall.domains=user} on an H2 user database, against a Temporal test server on a port): closing the
 * context (what SIGTERM does) lets an in-flight write finish and report first, on platform and on
 * virtual threads alike; with virtual threads the activity runs on one. A test-only worker
 * interceptor bean, which the starter registers like any interceptor bean, holds the activity until
 * the test lets it go.
 */
class WorkerHostDrainTest {

  static final class HoldActivities extends WorkerInterceptorBase {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile Boolean ranOnVirtualThread;

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
      return new ActivityInboundCallsInterceptorBase(next) {
        @Override
        public ActivityOutput execute(ActivityInput input) {
          ranOnVirtualThread = Thread.currentThread().isVirtual();
          started.countDown();
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: the worker did not drain", e);
          }
          return super.execute(input);
        }
      };
    }
  }

  @ParameterizedTest(name = "virtual threads: {0}")
  @ValueSource(booleans = {false, true})
  void closingTheHostWaitsForTheRunningWriteAndReportsItsResult(boolean virtualThreads)
      throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    HoldActivities hold = new HoldActivities();
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port)) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
      ConfigurableApplicationContext host =
          WorkersApplication.builder()
              .initializers(
                  context -> context.getBeanFactory().registerSingleton("holdActivities", hold))
              .run(
                  "--server.port=0",
                  "--spring.temporal.connection.target=127.0.0.1:" + port,
                  "--spring.threads.virtual.enabled=" + virtualThreads,
                  "--mall.domains=user",
                  "--mall.db.user.url=jdbc:h2:mem:drain-"
                      + virtualThreads
                      + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                  "--mall.db.user.username=sa");
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        String workflowId = UserContract.registerWorkflowId("drain-" + virtualThreads);
        UserWrites.Register register =
            client.newWorkflowStub(
                UserWrites.Register.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(workflowId)
                    .setTaskQueue(UserContract.TASK_QUEUE)
                    .build());
        WorkflowClient.start(
            register::register, new NewUser(workflowId, "alice", 2, "13900000000", "$2a$hash"));
        assertThat(hold.started.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(hold.ranOnVirtualThread).isEqualTo(virtualThreads);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(host::close);
        await()
            .during(Duration.ofMillis(300))
            .atMost(Duration.ofSeconds(5))
            .until(() -> !stopping.isDone());
        hold.release.countDown();
        stopping.get(60, TimeUnit.SECONDS);

        assertThat(host.isActive()).isFalse();
        assertThat(WorkflowStub.fromTyped(register).getResult(UserView.class).mobile())
            .isEqualTo("13900000000");
      } finally {
        hold.release.countDown();
        host.close();
        stubs.shutdownNow();
      }
    }
  }

  /** Spring's test context cache pauses the contexts it is not using and restarts them later. */
  @Test
  void aPausedAndRestartedHostStillServesItsDomain() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
        ConfigurableApplicationContext host =
            WorkersApplication.builder()
                .run(
                    "--server.port=0",
                    "--spring.temporal.connection.target=127.0.0.1:" + port,
                    "--mall.domains=user",
                    "--mall.db.user.url=jdbc:h2:mem:pause;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                    "--mall.db.user.username=sa")) {
      host.pause();
      host.restart();
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
      try {
        String workflowId = UserContract.registerWorkflowId("after-pause");
        UserWrites.Register register =
            WorkflowClient.newInstance(stubs)
                .newWorkflowStub(
                    UserWrites.Register.class,
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setTaskQueue(UserContract.TASK_QUEUE)
                        .setWorkflowRunTimeout(Duration.ofMinutes(2))
                        .build());
        assertThat(
                register
                    .register(new NewUser(workflowId, "bob", 1, "13800000000", "$2a$hash"))
                    .mobile())
            .isEqualTo("13800000000");
      } finally {
        stubs.shutdownNow();
      }
    }
  }
}
