package com.temporalmall.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.temporalmall.workflows.order.OrderContract;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowServiceException;
import org.junit.jupiter.api.Test;

class OrderPlacementsTest {
  private static final WorkflowExecution ORDER =
      WorkflowExecution.newBuilder().setWorkflowId(OrderContract.workflowId("u1-key")).build();

  @Test
  void aStartRefusedBecauseTheOrderClosedIsRecognisedFromEitherServer() {
    assertThat(
            OrderPlacements.closedAlready(
                new WorkflowExecutionAlreadyStarted(
                    ORDER, OrderContract.Workflows.ORDER_SAGA, null)))
        .isTrue();
    assertThat(
            OrderPlacements.closedAlready(
                new WorkflowServiceException(
                    ORDER,
                    OrderContract.Workflows.ORDER_SAGA,
                    new StatusRuntimeException(Status.ALREADY_EXISTS))))
        .isTrue();
  }

  @Test
  void anUnreachableServerIsNotAClosedOrder() {
    assertThat(
            OrderPlacements.closedAlready(
                new WorkflowServiceException(
                    ORDER,
                    OrderContract.Workflows.ORDER_SAGA,
                    new StatusRuntimeException(Status.UNAVAILABLE))))
        .isFalse();
    assertThat(OrderPlacements.closedAlready(new IllegalStateException("boom"))).isFalse();
  }
}
