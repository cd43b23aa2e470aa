package com.temporalmall.workflows.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.temporalmall.workflows.FakeDomains;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallSearchAttributes;
import com.temporalmall.workflows.product.ProductContract;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentracing.Tracer;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With Temporal's OpenTracing interceptors bridged to OpenTelemetry (as the mall's processes wire
 * them), one trace holds the caller's span, the saga and every activity, compensations included.
 */
class SagaTracingTest {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk openTelemetry;
  private TestWorkflowEnvironment env;
  private FakeDomains fakes;

  @BeforeEach
  void start() {
    openTelemetry =
        OpenTelemetrySdk.builder()
            // Trace context crosses Temporal in its headers, as W3C traceparent (the OTel default).
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    Tracer tracer = OpenTracingShim.createTracerShim(openTelemetry);
    OpenTracingOptions tracing = OpenTracingOptions.newBuilder().setTracer(tracer).build();
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setInterceptors(new OpenTracingClientInterceptor(tracing))
                        .build())
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new OpenTracingWorkerInterceptor(tracing))
                        .build())
                .build());
    MallSearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    fakes = new FakeDomains();
    fakes.serveOn(env);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
    openTelemetry.close();
  }

  @Test
  void oneTraceFromTheRequestThroughTheSagaAndItsCompensations() {
    fakes.decrStockBehaviour =
        change -> {
          throw MallFailures.insufficientStock("none left");
        };
    Span request =
        openTelemetry.getTracer("test").spanBuilder("POST /api/order/create").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      assertThat(
              catchThrowable(
                  () ->
                      OrderSagaWorkflowTest.place(
                          env.getWorkflowClient(),
                          OrderContract.workflowId("traced"),
                          new OrderRequest(1, 7, 1, FakeDomains.PRICE, null))))
          .isNotNull();
    } finally {
      request.end();
    }

    List<SpanData> spans = exporter.getFinishedSpanItems();
    Set<String> traces = spans.stream().map(SpanData::getTraceId).collect(Collectors.toSet());
    assertThat(traces).containsExactly(request.getSpanContext().getTraceId());
    assertThat(spans)
        .extracting(SpanData::getName)
        .contains(
            "POST /api/order/create",
            "UpdateWithStartWorkflow:OrderSaga",
            "RunWorkflow:OrderSaga",
            "RunActivity:" + OrderContract.Activities.CREATE,
            "RunActivity:" + ProductContract.Activities.DECR_STOCK,
            "RunActivity:" + ProductContract.Activities.DECR_STOCK_REVERT,
            "RunActivity:" + OrderContract.Activities.CREATE_REVERT);
  }
}
