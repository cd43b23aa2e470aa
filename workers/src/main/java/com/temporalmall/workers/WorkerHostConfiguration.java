package com.temporalmall.workers;

import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.activities.MallDomainsConfiguration;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The worker host: the enabled domains' databases and activities; the workers themselves are the
 * starter's (see {@link HostedDomains}). With {@code spring.threads.virtual.enabled} the SDK runs
 * workflow code and every task executor on virtual threads: a cached order waiting for its payment
 * keeps a virtual thread, not a platform thread and its stack.
 */
@Configuration(proxyBeanMethods = false)
@Import(MallDomainsConfiguration.class)
public class WorkerHostConfiguration {

  WorkerHostConfiguration(Environment environment) {
    if (ConditionalOnDomain.OnDomain.enabledDomains(Binder.get(environment)).isEmpty()) {
      throw new IllegalStateException(
          "This worker hosts nothing: set mall.domains (MALL_DOMAINS), e.g. user,product,order,pay");
    }
  }

  @Bean
  TemporalOptionsCustomizer<WorkerFactoryOptions.Builder> virtualWorkflowThreads(
      Environment environment) {
    boolean virtual = Threading.VIRTUAL.isActive(environment);
    return options -> options.setUsingVirtualWorkflowThreads(virtual);
  }

  @Bean
  TemporalOptionsCustomizer<WorkerOptions.Builder> virtualTaskThreads(Environment environment) {
    boolean virtual = Threading.VIRTUAL.isActive(environment);
    return options -> options.setUsingVirtualThreads(virtual);
  }

  @Bean
  WorkerDrain workerDrain(
      @Qualifier("temporalWorkerFactory") WorkerFactory workers,
      @Value("${mall.workers.drain-timeout:30s}") Duration drainTimeout) {
    return new WorkerDrain(workers, drainTimeout);
  }
}
