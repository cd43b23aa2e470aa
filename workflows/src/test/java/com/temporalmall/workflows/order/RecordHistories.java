package com.temporalmall.workflows.order;

import com.temporalmall.workflows.FakeDomains;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallTestEnvironment;
import com.temporalmall.workflows.pay.PayChange;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.pay.ProviderPayment;
import com.temporalmall.workflows.product.NewProduct;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.product.ProductRemoval;
import com.temporalmall.workflows.product.ProductUpdate;
import com.temporalmall.workflows.user.NewUser;
import com.temporalmall.workflows.user.UserContract;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records the histories that {@code WorkflowReplayTest} replays, as {@code <name>-<release>.json}:
 * one execution of every workflow type, against the in-memory domains. Run it by hand from the
 * repository root when a workflow version is released, with a new release label, and commit the
 * files; never overwrite older ones to make a replay test pass:
 *
 * <pre>
 * ./mvnw -q -pl workflows test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.temporalmall.workflows.order.RecordHistories -Dexec.args=v5
 * </pre>
 *
 * (exec-maven-plugin is not in the project's build, so that needs a first online run; offline, run
 * {@code java -cp <test classpath> com.temporalmall.workflows.order.RecordHistories v5}.) A second
 * argument, names separated by commas, writes only those histories (every scenario still runs).
 */
public final class RecordHistories {
  /** Each history's name (its file: {@code <name>-<release>.json}) and its workflow id. */
  public static final Map<String, String> WORKFLOW_IDS =
      Map.ofEntries(
          Map.entry("order-saga-paid", OrderContract.workflowId("recorded-paid")),
          Map.entry("order-saga-cancelled", OrderContract.workflowId("recorded-unpaid")),
          Map.entry("order-saga-rejected", OrderContract.workflowId("recorded-rejected")),
          Map.entry("order-saga-late-event", OrderContract.workflowId("recorded-late-event")),
          Map.entry("order-saga-provider-down", OrderContract.workflowId("recorded-provider-down")),
          Map.entry("product-create", ProductContract.createWorkflowId("recorded")),
          Map.entry("product-update", ProductContract.updateWorkflowId("recorded")),
          Map.entry("product-remove", ProductContract.removeWorkflowId("recorded")),
          Map.entry("user-register", UserContract.registerWorkflowId("recorded")),
          Map.entry("order-remove", OrderContract.removeWorkflowId("recorded")),
          Map.entry("pay-flag-refund", PayContract.flagRefundWorkflowId("recorded")),
          // From provider-refunds 1: the late payment is refunded through the provider.
          Map.entry("order-saga-refund", OrderContract.workflowId("recorded-refund")),
          Map.entry("pay-flag-refund-refunded", PayContract.flagRefundWorkflowId("refunded")),
          // From provider-query 1: an unpaid order asks the provider about its pay.
          Map.entry("order-saga-query-paid", OrderContract.workflowId("recorded-query-paid")),
          Map.entry(
              "order-saga-query-cancelled", OrderContract.workflowId("recorded-query-unpaid")),
          // From compensation-failure 1: a compensation failed for good.
          Map.entry(
              "order-saga-compensation-failed",
              OrderContract.workflowId("recorded-compensation-failed")));

  private RecordHistories() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException(
          "usage: RecordHistories <release label, e.g. v5> [name,name...: write only these]");
    }
    Set<String> only = args.length == 2 ? Set.of(args[1].split(",")) : WORKFLOW_IDS.keySet();
    Path dir = Path.of("workflows/src/test/resources/histories");
    Files.createDirectories(dir);
    FakeDomains fakes = new FakeDomains();
    try (TestWorkflowEnvironment env = MallTestEnvironment.newInstance()) {
      fakes.serveOn(env);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      Recorder recorder = new Recorder(client, dir, args[0], only);
      OrderRequest twoKettles =
          new OrderRequest(1, FakeDomains.PRODUCT_ID, 2, FakeDomains.PRICE, Duration.ofMinutes(5));

      // Placed, then paid.
      String paid = WORKFLOW_IDS.get("order-saga-paid");
      OrderSagaWorkflowTest.place(client, paid, twoKettles);
      OrderSagaWorkflow toPay = client.newWorkflowStub(OrderSagaWorkflow.class, paid);
      PayView pay = toPay.createPay(twoKettles.amount());
      toPay.payCallback(new PayCallback(pay.id(), pay.amount(), 1, "evt_recorded"));
      recorder.result("order-saga-paid");

      // Placed; the provider is down at the first createPay (answered PaymentProviderUnavailable
      // after the bounded retries) and back for the second, which opens the checkout; then paid.
      String outage = WORKFLOW_IDS.get("order-saga-provider-down");
      OrderSagaWorkflowTest.place(client, outage, twoKettles);
      OrderSagaWorkflow afterOutage = client.newWorkflowStub(OrderSagaWorkflow.class, outage);
      fakes.providerDown = true;
      try {
        afterOutage.createPay(twoKettles.amount());
        throw new IllegalStateException("the provider should have been unavailable");
      } catch (WorkflowUpdateException expected) {
        fakes.providerDown = false;
      }
      PayView reopened = afterOutage.createPay(twoKettles.amount());
      afterOutage.payCallback(
          new PayCallback(reopened.id(), reopened.amount(), 1, "evt_recorded_after_outage"));
      recorder.result("order-saga-provider-down");

      // Placed, cancelled by its owner; the provider's event arrives twice while it is cancelling:
      // the pay is flagged for refund once and both deliveries are answered alike.
      String late = WORKFLOW_IDS.get("order-saga-late-event");
      OrderSagaWorkflowTest.place(client, late, twoKettles);
      WorkflowStub lateStub = client.newUntypedWorkflowStub(late);
      PayView latePay =
          lateStub.update(OrderContract.Updates.CREATE_PAY, PayView.class, twoKettles.amount());
      CountDownLatch cancelling = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      fakes.releaseStockBehaviour =
          () -> {
            cancelling.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
              throw new IllegalStateException("never released");
            }
          };
      lateStub.startUpdate(
          OrderContract.Updates.CANCEL, WorkflowUpdateStage.ACCEPTED, OrderState.class);
      if (!cancelling.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the cancellation never started");
      }
      List<WorkflowUpdateHandle<PayView>> deliveries = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        deliveries.add(
            lateStub.startUpdate(
                OrderContract.Updates.PAY_CALLBACK,
                WorkflowUpdateStage.ACCEPTED,
                PayView.class,
                new PayCallback(latePay.id(), latePay.amount(), 1, "evt_recorded_late")));
      }
      release.countDown();
      for (WorkflowUpdateHandle<PayView> delivery : deliveries) {
        delivery.getResultAsync().get();
      }
      fakes.releaseStockBehaviour = () -> {};
      recorder.result("order-saga-late-event");

      // Placed, never paid: the payment timer cancels it.
      OrderSagaWorkflowTest.place(client, WORKFLOW_IDS.get("order-saga-cancelled"), twoKettles);
      recorder.result("order-saga-cancelled");

      // The provider is asked after a minute: its callback lost, the capture is found and applied.
      OrderRequest askingAfterAMinute =
          new OrderRequest(
              1,
              FakeDomains.PRODUCT_ID,
              2,
              FakeDomains.PRICE,
              Duration.ofMinutes(5),
              Duration.ofMinutes(1));
      fakes.queryBehaviour =
          asked ->
              new ProviderPayment(asked.checkout(), true, asked.amount(), "CNY", "evt_recorded_q");
      String queryPaid = WORKFLOW_IDS.get("order-saga-query-paid");
      OrderSagaWorkflowTest.place(client, queryPaid, askingAfterAMinute);
      client.newWorkflowStub(OrderSagaWorkflow.class, queryPaid).createPay(twoKettles.amount());
      recorder.result("order-saga-query-paid");

      // Asked after a minute and at the timeout, never captured: the timer cancels it.
      fakes.queryBehaviour =
          asked -> new ProviderPayment(asked.checkout(), false, asked.amount(), "CNY", null);
      String queryUnpaid = WORKFLOW_IDS.get("order-saga-query-cancelled");
      OrderSagaWorkflowTest.place(client, queryUnpaid, askingAfterAMinute);
      client.newWorkflowStub(OrderSagaWorkflow.class, queryUnpaid).createPay(twoKettles.amount());
      recorder.result("order-saga-query-cancelled");

      // Rejected: out of stock, compensated.
      fakes.decrStockBehaviour =
          change -> {
            throw MallFailures.insufficientStock("only 0 left");
          };
      try {
        OrderSagaWorkflowTest.place(client, WORKFLOW_IDS.get("order-saga-rejected"), twoKettles);
        throw new IllegalStateException("the order should have been rejected");
      } catch (WorkflowUpdateException expected) {
        recorder.write("order-saga-rejected");
      }

      // Out of stock, and order.createRevert fails for good: CompensationFailed.
      String notCompensated = WORKFLOW_IDS.get("order-saga-compensation-failed");
      fakes.orderChangeBehaviour =
          step -> {
            throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
                "recorded", "IllegalStateException");
          };
      try {
        OrderSagaWorkflowTest.place(client, notCompensated, twoKettles);
        throw new IllegalStateException("the compensation should have failed");
      } catch (WorkflowUpdateException expected) {
        try {
          client.newUntypedWorkflowStub(notCompensated).getResult(OrderResult.class);
        } catch (io.temporal.client.WorkflowFailedException closed) {
          recorder.write("order-saga-compensation-failed");
        }
      }
      fakes.orderChangeBehaviour = step -> {};

      recorder.write(
          "product-create",
          ProductContract.Workflows.CREATE,
          ProductContract.TASK_QUEUE,
          new NewProduct("recorded", 1, "kettle", "1.7 l", 10, FakeDomains.PRICE, 1));
      recorder.write(
          "product-update",
          ProductContract.Workflows.UPDATE,
          ProductContract.TASK_QUEUE,
          new ProductUpdate("recorded", 1, FakeDomains.PRODUCT_ID, "kettle", "1.8 l", 9, 260, 1));
      recorder.write(
          "product-remove",
          ProductContract.Workflows.REMOVE,
          ProductContract.TASK_QUEUE,
          new ProductRemoval("recorded", 1, FakeDomains.PRODUCT_ID));
      recorder.write(
          "user-register",
          UserContract.Workflows.REGISTER,
          UserContract.TASK_QUEUE,
          new NewUser("recorded", "bob", 1, "13700000000", "hash"));
      recorder.write(
          "order-remove",
          OrderContract.Workflows.REMOVE,
          OrderContract.TASK_QUEUE,
          new OrderRemoval("recorded", 1, FakeDomains.ORDER_ID));
      recorder.write(
          "pay-flag-refund",
          PayContract.Workflows.FLAG_REFUND,
          PayContract.TASK_QUEUE,
          new PayChange("recorded", FakeDomains.PAY_ID, 1));

      // Placed, its pay created, cancelled by its owner; the provider's event arrives while it is
      // cancelling: the pay is flagged for refund, then refunded (pay.refund).
      fakes.decrStockBehaviour = change -> {};
      String refund = WORKFLOW_IDS.get("order-saga-refund");
      OrderSagaWorkflowTest.place(client, refund, twoKettles);
      WorkflowStub refundStub = client.newUntypedWorkflowStub(refund);
      PayView refundPay =
          refundStub.update(OrderContract.Updates.CREATE_PAY, PayView.class, twoKettles.amount());
      CountDownLatch cancellingRefund = new CountDownLatch(1);
      CountDownLatch releaseRefund = new CountDownLatch(1);
      fakes.releaseStockBehaviour =
          () -> {
            cancellingRefund.countDown();
            if (!releaseRefund.await(30, TimeUnit.SECONDS)) {
              throw new IllegalStateException("never released");
            }
          };
      refundStub.startUpdate(
          OrderContract.Updates.CANCEL, WorkflowUpdateStage.ACCEPTED, OrderState.class);
      if (!cancellingRefund.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the cancellation never started");
      }
      WorkflowUpdateHandle<PayView> lateDelivery =
          refundStub.startUpdate(
              OrderContract.Updates.PAY_CALLBACK,
              WorkflowUpdateStage.ACCEPTED,
              PayView.class,
              new PayCallback(refundPay.id(), refundPay.amount(), 1, "evt_recorded_refund"));
      releaseRefund.countDown();
      lateDelivery.getResultAsync().get();
      fakes.releaseStockBehaviour = () -> {};
      recorder.result("order-saga-refund");

      recorder.write(
          "pay-flag-refund-refunded",
          PayContract.Workflows.FLAG_REFUND,
          PayContract.TASK_QUEUE,
          new PayChange("refunded", FakeDomains.PAY_ID, 1));
    }
  }

  private record Recorder(WorkflowClient client, Path dir, String release, Set<String> only) {
    /** Waits for the workflow named {@code name} to end, then writes its history. */
    void result(String name) throws Exception {
      client.newUntypedWorkflowStub(WORKFLOW_IDS.get(name)).getResult(OrderResult.class);
      write(name);
    }

    /** Runs write workflow {@code type} on {@code taskQueue}, then writes its history. */
    void write(String name, String type, String taskQueue, Object input) throws Exception {
      WorkflowStub stub =
          client.newUntypedWorkflowStub(
              type,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(WORKFLOW_IDS.get(name))
                  .setTaskQueue(taskQueue)
                  .build());
      stub.start(input);
      stub.getResult(Object.class);
      write(name);
    }

    void write(String name) throws Exception {
      if (!only.contains(name)) {
        return;
      }
      Path file = dir.resolve(name + "-" + release + ".json");
      Files.writeString(file, client.fetchHistory(WORKFLOW_IDS.get(name)).toJson(true));
      System.out.println("recorded " + file);
    }
  }
}
