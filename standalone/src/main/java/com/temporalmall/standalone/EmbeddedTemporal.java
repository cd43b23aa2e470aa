package com.temporalmall.standalone;

import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-process Temporal server runs on real time: payment timeouts and retries behave as in production. */
@Configuration(proxyBeanMethods = false)
class EmbeddedTemporal {
  @Bean
  TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> realTimeTestServer() {
    return builder -> builder.setUseTimeskipping(false);
  }
}
