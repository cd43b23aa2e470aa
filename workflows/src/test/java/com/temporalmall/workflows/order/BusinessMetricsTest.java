package com.temporalmall.workflows.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallMetrics;
import com.temporalmall.workflows.MallSearchAttributes;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowOptions;
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
    fakes.serveOn(env, OrderSagaWorkflowImpl.class, OrderLifecycleWorkflowImpl.class);
    env.start();
  }

  @AfterEach
  void stop() throws Exception {
    env.close();
    scope.close();
  }

  private OrderSagaWorkflow saga(String id) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            OrderSagaWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(OrderContract.sagaWorkflowId(id))
                .setTaskQueue(OrderContract.LEGACY_TASK_QUEUE)
                .build());
  }

  private double count(String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  @Test
  void sagasAndPaymentTimeoutsAreCounted() {
    saga("placed").placeOrder(new PlaceOrder(1, 7, 1, null, Duration.ofMinutes(1)));
    fakes.decrStockBehaviour =
        change -> {
          throw MallFailures.insufficientStock("none left");
        };
    assertThat(catchThrowable(() -> saga("rejected").placeOrder(new PlaceOrder(1, 7, 1, null))))
        .isNotNull();
    env.getWorkflowClient()
        .newUntypedWorkflowStub(
            OrderContract.lifecycleWorkflowId(OrderContract.sagaWorkflowId("placed")))
        .getResult(OrderLifecycleWorkflow.LifecycleOutcome.class);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(count(MallMetrics.SAGAS_STARTED)).isEqualTo(2);
              assertThat(count(MallMetrics.SAGAS_COMPLETED)).isEqualTo(1);
              assertThat(count(MallMetrics.SAGAS_COMPENSATED)).isEqualTo(1);
              assertThat(count(MallMetrics.PAYMENT_TIMEOUTS)).isEqualTo(1);
            });
    assertThat(
            registry
                .find(MallMetrics.SAGAS_COMPENSATED)
                .tag("reason", "InsufficientStock")
                .counter())
        .isNotNull();
  }
}
