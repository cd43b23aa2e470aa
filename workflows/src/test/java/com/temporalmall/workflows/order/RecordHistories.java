package com.temporalmall.workflows.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallTestEnvironment;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.rpc.DomainCall;
import com.temporalmall.workflows.rpc.DomainCallContract;
import com.temporalmall.workflows.rpc.DomainCallWorkflow;
import com.temporalmall.workflows.rpc.DomainCallWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Records the histories that {@code WorkflowReplayTest} replays, as {@code <name>-<release>.json}.
 * Run it by hand when a workflow version is released, with a new release label, and commit the
 * files; never overwrite older ones to make a replay test pass:
 *
 * <pre>
 * ./mvnw -q -pl workflows test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.temporalmall.workflows.order.RecordHistories -Dexec.args=v1
 * </pre>
 */
public final class RecordHistories {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: RecordHistories <release label, e.g. v1>");
    }
    String release = args[0];
    Path dir = Path.of("workflows/src/test/resources/histories");
    Files.createDirectories(dir);
    FakeDomains fakes = new FakeDomains();
    try (TestWorkflowEnvironment env = MallTestEnvironment.newInstance()) {
      fakes.serveOn(
          env,
          OrderSagaWorkflowImpl.class,
          OrderLifecycleWorkflowImpl.class,
          DomainCallWorkflowImpl.class);
      env.start();
      WorkflowClient client = env.getWorkflowClient();

      String completed = OrderContract.sagaWorkflowId("recorded-completed");
      saga(client, completed).placeOrder(new PlaceOrder(1, 7, 2, null));
      write(client, completed, dir.resolve("order-saga-completed-" + release + ".json"));

      OrderLifecycleWorkflow paid = lifecycle(client, completed);
      paid.createPay(500);
      paid.payCallback(new PayCallback(FakeDomains.PAY_ID, 500, 1));
      WorkflowStub.fromTyped(paid).getResult(OrderLifecycleWorkflow.LifecycleOutcome.class);
      write(
          client,
          OrderContract.lifecycleWorkflowId(completed),
          dir.resolve("order-lifecycle-paid-" + release + ".json"));

      fakes.decrStockBehaviour =
          change -> {
            throw MallFailures.insufficientStock("only 0 left");
          };
      String compensated = OrderContract.sagaWorkflowId("recorded-compensated");
      try {
        saga(client, compensated).placeOrder(new PlaceOrder(1, 7, 1, null));
        throw new IllegalStateException("the saga should have been compensated");
      } catch (WorkflowFailedException expected) {
        write(client, compensated, dir.resolve("order-saga-compensated-" + release + ".json"));
      }

      // A second order whose payment never comes: the timer cancels it.
      fakes.decrStockBehaviour = change -> {};
      String unpaidSaga = OrderContract.sagaWorkflowId("recorded-unpaid");
      saga(client, unpaidSaga).placeOrder(new PlaceOrder(1, 7, 1, null, Duration.ofMinutes(5)));
      String unpaid = OrderContract.lifecycleWorkflowId(unpaidSaga);
      client
          .newUntypedWorkflowStub(unpaid)
          .getResult(OrderLifecycleWorkflow.LifecycleOutcome.class);
      write(client, unpaid, dir.resolve("order-lifecycle-cancelled-" + release + ".json"));

      // One execution per order: placed then paid, placed then unpaid, and rejected.
      fakes.decrStockBehaviour = change -> {};
      String paidOrder = OrderContract.workflowId("recorded-paid");
      OrderWorkflowTest.place(
          client, paidOrder, new OrderRequest(1, 7, 2, FakeDomains.PRICE, null));
      OrderWorkflow toPay = client.newWorkflowStub(OrderWorkflow.class, paidOrder);
      toPay.createPay(2 * FakeDomains.PRICE);
      toPay.payCallback(new PayCallback(FakeDomains.PAY_ID, 2 * FakeDomains.PRICE, 1));
      WorkflowStub.fromTyped(toPay).getResult(OrderResult.class);
      write(client, paidOrder, dir.resolve("order-paid-" + release + ".json"));

      String unpaidOrder = OrderContract.workflowId("recorded-unpaid");
      OrderWorkflowTest.place(
          client, unpaidOrder, new OrderRequest(1, 7, 1, FakeDomains.PRICE, Duration.ofMinutes(5)));
      client.newUntypedWorkflowStub(unpaidOrder).getResult(OrderResult.class);
      write(client, unpaidOrder, dir.resolve("order-cancelled-" + release + ".json"));

      fakes.decrStockBehaviour =
          change -> {
            throw MallFailures.insufficientStock("only 0 left");
          };
      String rejectedOrder = OrderContract.workflowId("recorded-rejected");
      try {
        OrderWorkflowTest.place(
            client, rejectedOrder, new OrderRequest(1, 7, 1, FakeDomains.PRICE, null));
        throw new IllegalStateException("the order should have been rejected");
      } catch (io.temporal.client.WorkflowUpdateException expected) {
        write(client, rejectedOrder, dir.resolve("order-rejected-" + release + ".json"));
      }

      String call = DomainCallContract.workflowId(ProductContract.Activities.DETAIL, "recorded");
      client
          .newWorkflowStub(
              DomainCallWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(call)
                  .setTaskQueue(OrderContract.LEGACY_TASK_QUEUE)
                  .build())
          .call(
              new DomainCall(
                  ProductContract.TASK_QUEUE,
                  ProductContract.Activities.DETAIL,
                  List.<JsonNode>of(com.fasterxml.jackson.databind.node.LongNode.valueOf(7))));
      write(client, call, dir.resolve("domain-call-completed-" + release + ".json"));
    }
  }

  private static OrderLifecycleWorkflow lifecycle(WorkflowClient client, String sagaId) {
    return client.newWorkflowStub(
        OrderLifecycleWorkflow.class, OrderContract.lifecycleWorkflowId(sagaId));
  }

  private static OrderSagaWorkflow saga(WorkflowClient client, String workflowId) {
    return client.newWorkflowStub(
        OrderSagaWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(OrderContract.LEGACY_TASK_QUEUE)
            .build());
  }

  private static void write(WorkflowClient client, String workflowId, Path file) throws Exception {
    Files.writeString(file, client.fetchHistory(workflowId).toJson(true));
    System.out.println("recorded " + file);
  }
}
