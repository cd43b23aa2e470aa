package com.temporalmall.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.temporalmall.api.order.OrderView;
import com.temporalmall.api.testsupport.BlackHole;
import com.temporalmall.api.web.ProblemException;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.product.ProductRemoval;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The API's blocking calls to Temporal end at {@code mall.api.call-timeout} with a 504 naming the
 * workflow: an update of an order whose workflow no worker takes (the order worker down), which the
 * SDK alone waits for without end, and a write to a Temporal frontend that takes the connection and
 * never answers, whose start the SDK alone retries for a minute before it even waits for the
 * result.
 */
class CallDeadlineTest {
  /** An "answers at all" bound: the SDK alone waits a minute per call, and again, without end. */
  private static final Duration ANSWERS_AT_ALL = Duration.ofSeconds(45);

  @Test
  void anUpdateNoWorkerTakesIsA504AfterTheCallTimeout() {
    try (TestWorkflowEnvironment temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build())) {
      String gid = OrderContract.workflowId("no-worker");
      WorkflowStub order =
          temporal
              .getWorkflowClient()
              .newUntypedWorkflowStub(
                  OrderContract.Workflows.ORDER_SAGA,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(gid)
                      .setTaskQueue("no-worker-polls-this")
                      .build());
      order.start("never read");
      OrderPayments payments =
          new OrderPayments(temporal.getWorkflowClient(), Duration.ofSeconds(2));

      ProblemException answer =
          assertTimeoutPreemptively(
              ANSWERS_AT_ALL,
              () ->
                  (ProblemException)
                      catchThrowable(
                          () ->
                              payments.update(
                                  new OrderView(1, 7, 3, 500, 1, 0, gid),
                                  OrderContract.Updates.CANCEL,
                                  Void.class,
                                  state -> null)));
      assertThat(answer.getStatusCode().value()).isEqualTo(504);
      assertThat(answer.getBody().getProperties()).containsEntry("workflowId", gid);
    }
  }

  @Test
  void aWriteToATemporalThatNeverAnswersIsA504AfterTheCallTimeout() throws Exception {
    try (BlackHole blackHole = new BlackHole()) {
      WorkflowServiceStubs silent =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget("127.0.0.1:" + blackHole.port())
                  .build());
      try {
        DomainWrites writes =
            new DomainWrites(WorkflowClient.newInstance(silent), Duration.ofSeconds(2));
        ProblemException answer =
            assertTimeoutPreemptively(
                ANSWERS_AT_ALL,
                () ->
                    (ProblemException)
                        catchThrowable(
                            () ->
                                writes.removeProduct(
                                    new ProductRemoval(
                                        ProductContract.removeWorkflowId("k"), 1, 7))));
        assertThat(answer.getStatusCode().value()).isEqualTo(504);
        assertThat(blackHole.connections()).as("the client did reach the black hole").isNotEmpty();
      } finally {
        silent.shutdownNow();
      }
    }
  }
}
