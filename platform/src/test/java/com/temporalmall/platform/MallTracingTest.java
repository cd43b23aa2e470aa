package com.temporalmall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MallTracingTest {
  @AfterEach
  void clearExporter() {
    System.clearProperty("otel.traces.exporter");
  }

  @Test
  void withoutAnExporterNoSpanIsRecorded() {
    System.setProperty("otel.traces.exporter", "none");

    OpenTelemetry tracing = MallTracing.fromEnvironment("mall-test");

    assertThat(tracing).isNotInstanceOf(OpenTelemetrySdk.class);
    Span span = tracing.getTracer("test").spanBuilder("request").startSpan();
    assertThat(span.isRecording()).isFalse();
    span.end();
  }

  @Test
  void anExporterTurnsTracingOn() {
    System.setProperty("otel.traces.exporter", "otlp");

    OpenTelemetry tracing = MallTracing.fromEnvironment("mall-test");

    assertThat(tracing).isInstanceOf(OpenTelemetrySdk.class);
    Span span = tracing.getTracer("test").spanBuilder("request").startSpan();
    assertThat(span.isRecording()).isTrue();
    // Not ended: nothing to export, so closing sends nothing anywhere.
    ((OpenTelemetrySdk) tracing).close();
  }
}
