package com.temporalmall.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.LongNode;
import com.temporalmall.api.user.UserCredentials;
import com.temporalmall.workflows.rpc.DomainCall;
import com.temporalmall.workflows.rpc.DomainCallContract;
import com.temporalmall.workflows.rpc.DomainCallWorkflow;
import com.temporalmall.workflows.user.NewUser;
import com.temporalmall.workflows.user.UserActivities;
import com.temporalmall.workflows.user.UserContract;
import com.temporalmall.workflows.user.UserView;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On shutdown (SIGTERM closes the Spring context) in-flight activities finish and report first, on
 * platform and on virtual threads alike; with virtual threads the activity runs on one.
 */
class MallWorkersDrainTest {

  /** A user domain whose info() holds until the test lets it go. */
  static class SlowUsers implements UserActivities {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile Boolean ranOnVirtualThread;

    @Override
    public UserView register(NewUser user) {
      throw new UnsupportedOperationException();
    }

    @Override
    public UserCredentials credentials(String mobile) {
      throw new UnsupportedOperationException();
    }

    @Override
    public UserView info(long id) {
      ranOnVirtualThread = Thread.currentThread().isVirtual();
      started.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted: the worker did not drain", e);
      }
      return new UserView(id, "alice", 2, "13900000000");
    }
  }

  @ParameterizedTest(name = "virtual threads: {0}")
  @ValueSource(booleans = {false, true})
  void stoppingWaitsForTheRunningActivityAndReportsItsResult(boolean virtualThreads)
      throws Exception {
    try (TestWorkflowEnvironment server =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build())) {
      WorkflowClient client = server.getWorkflowClient();
      SlowUsers users = new SlowUsers();
      MallWorkers workers =
          new MallWorkers(
              client,
              new WorkerHostProperties(true, Duration.ofSeconds(30)),
              Map.of(UserContract.TASK_QUEUE, users),
              null,
              virtualThreads);
      workers.start();
      DomainCallWorkflow call =
          client.newWorkflowStub(
              DomainCallWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(UserContract.callWorkflowId(UserContract.Activities.INFO, "drain"))
                  .setTaskQueue(DomainCallContract.TASK_QUEUE)
                  .build());
      WorkflowClient.start(
          call::call,
          new DomainCall(
              UserContract.TASK_QUEUE, UserContract.Activities.INFO, List.of(LongNode.valueOf(1))));
      assertThat(users.started.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(users.ranOnVirtualThread).isEqualTo(virtualThreads);

      CompletableFuture<Void> stopping = CompletableFuture.runAsync(workers::stop);
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(() -> !stopping.isDone());
      users.release.countDown();
      stopping.get(30, TimeUnit.SECONDS);

      assertThat(workers.isRunning()).isFalse();
      assertThat(
              client
                  .fetchHistory(UserContract.callWorkflowId(UserContract.Activities.INFO, "drain"))
                  .getEvents())
          .anyMatch(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
    }
  }
}
