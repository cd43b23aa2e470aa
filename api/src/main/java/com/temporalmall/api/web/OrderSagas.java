package com.temporalmall.api.web;

import com.temporalmall.workflows.TaskQueues;
import com.temporalmall.workflows.order.OrderSagaWorkflow;
import com.temporalmall.workflows.order.PlaceOrder;
import com.temporalmall.workflows.order.PlacedOrder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Starts one OrderSaga per order and waits for its outcome. */
@Component
public class OrderSagas {
  private final WorkflowClient client;
  private final Duration timeout;

  private final Duration paymentTimeout;

  public OrderSagas(
      WorkflowClient client,
      @Value("${mall.api.order-timeout:60s}") Duration timeout,
      @Value("${mall.order.payment-timeout:30m}") Duration paymentTimeout) {
    this.client = client;
    this.timeout = timeout;
    this.paymentTimeout = paymentTimeout;
  }

  public PlacedOrder place(PlaceOrder request, IdempotencyKey.RequestId requestId) {
    String workflowId = OrderSagaWorkflow.workflowId(requestId.value());
    OrderSagaWorkflow saga =
        client.newWorkflowStub(
            OrderSagaWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.WORKFLOWS)
                // Even after the first saga closed, its id is never run again: a retry gets its outcome.
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                // What was asked, beside the search attributes the saga upserts as it goes (Web UI, CLI).
                .setMemo(Map.of("uid", request.uid(), "pid", request.pid(), "num", request.num()))
                .build());
    WorkflowStub run;
    try {
      WorkflowClient.start(
          saga::placeOrder,
          new PlaceOrder(request.uid(), request.pid(), request.num(), request.clientAmount(), paymentTimeout));
      run = WorkflowStub.fromTyped(saga);
    } catch (WorkflowExecutionAlreadyStarted firstAttempt) {
      if (!requestId.keyed()) {
        throw firstAttempt;
      }
      run = client.newUntypedWorkflowStub(workflowId);
    }
    try {
      return run.getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, PlacedOrder.class);
    } catch (TimeoutException e) {
      throw new ProblemException(TemporalOutcomes.timedOut());
    }
  }
}
