package com.temporalmall.platform;

import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Tracing of every mall process. Runs before the starter's OpenTracingAutoConfiguration, which
 * bridges this OpenTelemetry to Temporal's tracing interceptors, client and worker side.
 */
@AutoConfiguration(
    beforeName = {
      "io.temporal.spring.boot.autoconfigure.OpenTracingAutoConfiguration",
      "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration"
    })
public class MallTracingAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean(OpenTelemetry.class)
  OpenTelemetry mallOpenTelemetry(
      @Value("${spring.application.name:temporal-mall}") String serviceName) {
    return MallTracing.fromEnvironment(serviceName);
  }

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  FilterRegistrationBean<MallTracing.RequestSpans> requestSpans(OpenTelemetry openTelemetry) {
    FilterRegistrationBean<MallTracing.RequestSpans> registration =
        new FilterRegistrationBean<>(new MallTracing.RequestSpans(openTelemetry));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
