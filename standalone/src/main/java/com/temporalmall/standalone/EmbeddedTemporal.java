package com.temporalmall.standalone;

import com.temporalmall.workflows.MallSearchAttributes;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The in-process Temporal server runs on real time (payment timeouts and retries behave as in
 * production) and knows the mall's search attributes.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedTemporal {
  @Bean
  TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> realTimeTestServer() {
    return builder -> builder.setUseTimeskipping(false);
  }

  /** As scripts/lib/temporal-server.sh does for a dev server: the workflows upsert these. */
  @Bean
  InitializingBean mallSearchAttributes(TestWorkflowEnvironment inProcessServer) {
    return () -> MallSearchAttributes.DEFINITIONS.forEach(inProcessServer::registerSearchAttribute);
  }
}
