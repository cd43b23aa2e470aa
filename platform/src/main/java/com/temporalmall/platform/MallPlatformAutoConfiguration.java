package com.temporalmall.platform;

import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/** Health of every mall process (api, workers, embedded default), picked up from the classpath. */
@AutoConfiguration(
    afterName = {
      "io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration",
      "io.temporal.spring.boot.autoconfigure.TestServerAutoConfiguration"
    })
public class MallPlatformAutoConfiguration {
  @Bean
  @ConditionalOnBean(WorkflowServiceStubs.class)
  @ConditionalOnEnabledHealthIndicator("temporal")
  TemporalHealthIndicator temporalHealthIndicator(WorkflowServiceStubs service) {
    return new TemporalHealthIndicator(service);
  }
}
