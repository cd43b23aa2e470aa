package com.temporalmall.api.web;

import com.temporalmall.workflows.TaskQueues;
import com.temporalmall.workflows.order.OrderSagaWorkflow;
import com.temporalmall.workflows.order.PlaceOrder;
import com.temporalmall.workflows.order.PlacedOrder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Starts one OrderSaga per order and waits for its outcome. */
@Component
public class OrderSagas {
  private final WorkflowClient client;
  private final Duration timeout;

  public OrderSagas(WorkflowClient client, @Value("${mall.api.order-timeout:60s}") Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  public PlacedOrder place(PlaceOrder request) {
    OrderSagaWorkflow saga =
        client.newWorkflowStub(
            OrderSagaWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(OrderSagaWorkflow.workflowId(UUID.randomUUID().toString()))
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .build());
    WorkflowClient.start(saga::placeOrder, request);
    try {
      return WorkflowStub.fromTyped(saga)
          .getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, PlacedOrder.class);
    } catch (TimeoutException e) {
      throw new ProblemException(TemporalOutcomes.timedOut());
    }
  }
}
