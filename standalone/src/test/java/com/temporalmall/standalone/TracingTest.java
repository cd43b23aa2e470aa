package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.product.ProductContract;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The mall's own wiring (HTTP span filter, the starter's client and worker interceptor) with an
 * in-memory exporter: a rejected order is one trace from the HTTP request through the saga, its
 * activities and its compensations.
 */
@AutoConfigureTestRestTemplate
// The gate in front of the saga would turn the sold-out order away before any saga starts; this
// test follows the saga that compensates, so the order goes through.
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "mall.api.stock-admission.enabled=false")
class TracingTest {
  static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

  @TestConfiguration
  static class InMemoryTracing {
    @Bean
    OpenTelemetry openTelemetry() {
      return OpenTelemetrySdk.builder()
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(EXPORTER))
                  .build())
          .build();
    }
  }

  @Autowired TestRestTemplate rest;

  @Test
  void aRejectedOrderIsOneTraceFromRequestToCompensation() {
    MallClient grace = MallClient.signUp(rest, "grace", "13600000099");
    long pid =
        grace.id(
            "/api/product/create", Map.of("name", "rare", "stock", 0, "amount", 5, "status", 1));
    EXPORTER.reset();

    assertThat(grace.status("/api/order/create", Map.of("pid", pid))).isEqualTo(409);

    List<SpanData> spans = EXPORTER.getFinishedSpanItems();
    SpanData request =
        spans.stream()
            .filter(span -> span.getName().equals("POST /api/order/create"))
            .findFirst()
            .orElseThrow();
    List<SpanData> trace =
        spans.stream().filter(span -> span.getTraceId().equals(request.getTraceId())).toList();
    Set<String> names = trace.stream().map(SpanData::getName).collect(Collectors.toSet());
    assertThat(names).anyMatch(name -> name.startsWith("UpdateWithStartWorkflow:"));
    assertThat(names)
        .contains(
            "RunWorkflow:" + OrderContract.Workflows.ORDER_SAGA,
            "RunActivity:" + OrderContract.Activities.CREATE,
            "RunActivity:" + ProductContract.Activities.DECR_STOCK,
            "RunActivity:" + ProductContract.Activities.DECR_STOCK_REVERT,
            "RunActivity:" + OrderContract.Activities.CREATE_REVERT);
  }
}
