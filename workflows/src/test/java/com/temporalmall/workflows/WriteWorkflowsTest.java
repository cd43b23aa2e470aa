package com.temporalmall.workflows;

import static com.temporalmall.workflows.MallTestEnvironment.applicationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderRemoval;
import com.temporalmall.workflows.order.OrderWrites;
import com.temporalmall.workflows.product.NewProduct;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.product.ProductRemoval;
import com.temporalmall.workflows.product.ProductUpdate;
import com.temporalmall.workflows.product.ProductView;
import com.temporalmall.workflows.product.ProductWrites;
import com.temporalmall.workflows.user.NewUser;
import com.temporalmall.workflows.user.UserContract;
import com.temporalmall.workflows.user.UserView;
import com.temporalmall.workflows.user.UserWrites;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each single-step write workflow, started through its typed interface on its domain's task queue
 * as the API starts it, runs its one activity once, locally, and ends with the activity's result or
 * its business failure. ProductWritesImpl serves three workflow types from one class. ({@code
 * PayFlagRefund}, which refunds after its write, has its own test: PayFlagRefundTest.)
 */
class WriteWorkflowsTest {
  private TestWorkflowEnvironment env;
  private FakeDomains fakes;

  @BeforeEach
  void startTestServer() {
    env = MallTestEnvironment.newInstance();
    fakes = new FakeDomains();
    fakes.serveOn(env);
    env.start();
  }

  @AfterEach
  void stopTestServer() {
    env.close();
  }

  /** Calls a typed write workflow; null for a void one. */
  interface Call {
    Object run(WorkflowClient client, WorkflowOptions options);
  }

  /** One write workflow, the activity it runs, what it returns and a rejection its domain makes. */
  record Write(
      String type,
      String taskQueue,
      String workflowId,
      String activity,
      Call call,
      Object result,
      ApplicationFailure rejection) {
    Object run(WorkflowClient client) {
      return call.run(
          client,
          WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(taskQueue).build());
    }

    @Override
    public String toString() {
      return type;
    }
  }

  static Stream<Write> writes() {
    NewUser bob = new NewUser("g", "bob", 1, "13700000000", "hash");
    NewProduct kettle = new NewProduct("g", 1, "kettle", "1.7 l", 10, 250, 1);
    return Stream.of(
        new Write(
            UserContract.Workflows.REGISTER,
            UserContract.TASK_QUEUE,
            UserContract.registerWorkflowId("r1"),
            UserContract.Activities.REGISTER,
            (client, options) ->
                client.newWorkflowStub(UserWrites.Register.class, options).register(bob),
            new UserView(FakeDomains.USER_ID, "bob", 1, "13700000000"),
            MallFailures.conflict("mobile 13700000000 is taken")),
        new Write(
            ProductContract.Workflows.CREATE,
            ProductContract.TASK_QUEUE,
            ProductContract.createWorkflowId("r2"),
            ProductContract.Activities.CREATE,
            (client, options) ->
                client.newWorkflowStub(ProductWrites.Create.class, options).create(kettle),
            new ProductView(FakeDomains.PRODUCT_ID, "kettle", "1.7 l", 10, 250, 1),
            MallFailures.conflict("a product of that name exists")),
        new Write(
            ProductContract.Workflows.UPDATE,
            ProductContract.TASK_QUEUE,
            ProductContract.updateWorkflowId("r3"),
            ProductContract.Activities.UPDATE,
            (client, options) -> {
              client
                  .newWorkflowStub(ProductWrites.Update.class, options)
                  .update(new ProductUpdate("g", 1, 7, "kettle", "1.8 l", 9, 260, 1));
              return null;
            },
            null,
            MallFailures.notFound("product 7 does not exist")),
        new Write(
            ProductContract.Workflows.REMOVE,
            ProductContract.TASK_QUEUE,
            ProductContract.removeWorkflowId("r4"),
            ProductContract.Activities.REMOVE,
            (client, options) -> {
              client
                  .newWorkflowStub(ProductWrites.Remove.class, options)
                  .remove(new ProductRemoval("g", 1, 7));
              return null;
            },
            null,
            MallFailures.forbidden("product 7 is not yours")),
        new Write(
            OrderContract.Workflows.REMOVE,
            OrderContract.TASK_QUEUE,
            OrderContract.removeWorkflowId("r5"),
            OrderContract.Activities.REMOVE,
            (client, options) -> {
              client
                  .newWorkflowStub(OrderWrites.Remove.class, options)
                  .remove(new OrderRemoval("g", 1, FakeDomains.ORDER_ID));
              return null;
            },
            null,
            MallFailures.conflict("order 42 is still open")));
  }

  private List<HistoryEvent> history(Write write) {
    return env.getWorkflowClient().fetchHistory(write.workflowId()).getEvents();
  }

  private long events(Write write, EventType type) {
    return history(write).stream().filter(event -> event.getEventType() == type).count();
  }

  @ParameterizedTest
  @MethodSource("writes")
  void runsItsActivityOnceLocallyOnItsQueueAndReturnsItsResult(Write write) {
    Object result = write.run(env.getWorkflowClient());

    assertThat(result).isEqualTo(write.result());
    assertThat(fakes.executions)
        .containsExactly(write.activity() + " on " + write.taskQueue() + ", local");
    assertThat(
            history(write)
                .getFirst()
                .getWorkflowExecutionStartedEventAttributes()
                .getWorkflowType()
                .getName())
        .isEqualTo(write.type());
    assertThat(events(write, EventType.EVENT_TYPE_MARKER_RECORDED)).isEqualTo(1);
    assertThat(events(write, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isZero();
    assertThat(events(write, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("writes")
  void aBusinessFailureIsTheWorkflowsFailureWithItsType(Write write) {
    fakes.writeRejection = write.rejection();

    Throwable failure = catchThrowable(() -> write.run(env.getWorkflowClient()));

    assertThat(failure).isInstanceOf(WorkflowFailedException.class);
    ApplicationFailure reason = applicationFailure(failure);
    assertThat(reason.getType()).isEqualTo(write.rejection().getType());
    assertThat(reason.getOriginalMessage()).isEqualTo(write.rejection().getOriginalMessage());
    assertThat(reason.isNonRetryable()).isTrue();
    assertThat(fakes.executions).as("not retried").hasSize(1);
    assertThat(events(write, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED)).isEqualTo(1);
  }

  /**
   * A database that stays down longer than a write used to be given (30 s) no longer fails the
   * write for good (a 502 its client could only retry forever): the step is retried, at most 5 s
   * apart, until it is done. Eight failures are 1+2+4+5x5 = 32 s of backoff, in real time (local
   * retries below the SDK's threshold wait in the worker), so one write type stands for all: they
   * share {@link WriteSteps#LOCAL}.
   */
  @Test
  void aDatabaseDownLongerThanThirtySecondsDelaysTheWriteAndDoesNotFailIt() {
    Write write = writes().findFirst().orElseThrow();
    fakes.writeOutages.set(8);

    Object result = write.run(env.getWorkflowClient());

    assertThat(result).isEqualTo(write.result());
    assertThat(fakes.executions).hasSize(9);
    assertThat(events(write, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)).isEqualTo(1);
  }
}
