package com.temporalmall.platform;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tracing of the mall: OpenTelemetry configured by the standard OTEL_* environment variables
 * (exporters default to none, so nothing is sent until OTEL_TRACES_EXPORTER=otlp and
 * OTEL_EXPORTER_OTLP_ENDPOINT are set); temporal-spring-boot-starter bridges it to Temporal's
 * OpenTracing interceptors, so one trace holds the HTTP request, the workflow and its activities.
 */
public final class MallTracing {
  private MallTracing() {}

  /**
   * With no traces exporter configured (the default) tracing is off: a span that no exporter reads
   * buys nothing, and recording one per HTTP request, workflow task and activity cost the mall's
   * processes CPU on every order.
   */
  public static OpenTelemetry fromEnvironment(String serviceName) {
    String exporter =
        System.getProperty("otel.traces.exporter", System.getenv("OTEL_TRACES_EXPORTER"));
    if (exporter == null || exporter.isBlank() || exporter.trim().equals("none")) {
      return OpenTelemetry.noop();
    }
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(
            () ->
                Map.of(
                    "otel.service.name", serviceName,
                    "otel.traces.exporter", "none",
                    "otel.metrics.exporter", "none",
                    "otel.logs.exporter", "none"))
        .build()
        .getOpenTelemetrySdk();
  }

  /** A server span per HTTP request, current while the request runs (and starts workflows). */
  public static class RequestSpans extends OncePerRequestFilter {
    private final OpenTelemetry openTelemetry;

    public RequestSpans(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Span span =
          openTelemetry
              .getTracer("temporal-mall")
              .spanBuilder(request.getMethod() + " " + request.getRequestURI())
              .setSpanKind(SpanKind.SERVER)
              .startSpan();
      try (Scope ignored = span.makeCurrent()) {
        chain.doFilter(request, response);
        span.setAttribute("http.response.status_code", response.getStatus());
        if (response.getStatus() >= 500) {
          span.setStatus(StatusCode.ERROR);
        }
      } finally {
        span.end();
      }
    }
  }
}
