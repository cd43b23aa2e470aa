package com.temporalmall.workflows.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.temporalmall.workflows.FakeDomains;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallMetrics;
import com.temporalmall.workflows.MallSearchAttributes;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The business counters reach Micrometer (and so /actuator/prometheus) through the SDK scope. */
class BusinessMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Scope scope;
  private TestWorkflowEnvironment env;
  private FakeDomains fakes;

  @BeforeEach
  void start() {
    scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofMillis(10));
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setMetricsScope(scope).build());
    MallSearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    fakes = new FakeDomains();
    fakes.serveOn(env);
    env.start();
  }

  @AfterEach
  void stop() throws Exception {
    env.close();
    scope.close();
  }

  private double count(String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  @Test
  void sagasPaymentsAndPaymentTimeoutsAreCounted() {
    WorkflowClient client = env.getWorkflowClient();
    OrderRequest oneKettle = new OrderRequest(1, 7, 1, FakeDomains.PRICE, Duration.ofMinutes(1));
    OrderSagaWorkflowTest.place(client, OrderContract.workflowId("unpaid"), oneKettle);
    OrderSagaWorkflowTest.place(client, OrderContract.workflowId("paid"), oneKettle);
    OrderSagaWorkflow paid =
        client.newWorkflowStub(OrderSagaWorkflow.class, OrderContract.workflowId("paid"));
    paid.payCallback(
        new PayCallback(paid.createPay(FakeDomains.PRICE).id(), FakeDomains.PRICE, 1, "evt_1"));
    fakes.decrStockBehaviour =
        change -> {
          throw MallFailures.insufficientStock("none left");
        };
    assertThat(
            catchThrowable(
                () ->
                    OrderSagaWorkflowTest.place(
                        client, OrderContract.workflowId("rejected"), oneKettle)))
        .isNotNull();
    assertThat(
            client
                .newUntypedWorkflowStub(OrderContract.workflowId("unpaid"))
                .getResult(OrderResult.class)
                .state())
        .isEqualTo(OrderState.CANCELLED);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(count(MallMetrics.SAGAS_STARTED)).isEqualTo(3);
              assertThat(count(MallMetrics.SAGAS_COMPLETED)).isEqualTo(2);
              assertThat(count(MallMetrics.SAGAS_COMPENSATED)).isEqualTo(1);
              assertThat(count(MallMetrics.ORDERS_PAID)).isEqualTo(1);
              assertThat(count(MallMetrics.PAYMENT_TIMEOUTS)).isEqualTo(1);
            });
    assertThat(
            registry
                .find(MallMetrics.SAGAS_COMPENSATED)
                .tag("reason", MallFailures.INSUFFICIENT_STOCK)
                .counter())
        .isNotNull();
  }
}
