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

  /**
   * Task threads, and how many long polls each worker keeps open per kind of task. The SDK's 5
   * (about 2 on the normal workflow queue, the rest sticky) were too few after Temporal hung: the
   * matching service then holds a backlog of tasks for its queue, and a task that finds no waiting
   * poll is queued behind it. After a 20 s freeze the order queue's first workflow tasks waited
   * 3.5-30 s for a poll while the worker was idle; with 16 of each, 0.5-4.6 s (issue 20). An idle
   * poll is a parked virtual thread and one open stream.
   */
  @Bean
  TemporalOptionsCustomizer<WorkerOptions.Builder> taskThreadsAndPollers(
      Environment environment,
      @Value("${mall.workers.workflow-task-pollers:16}") int workflowTaskPollers,
      @Value("${mall.workers.activity-task-pollers:16}") int activityTaskPollers) {
    boolean virtual = Threading.VIRTUAL.isActive(environment);
    return options ->
        options
            .setUsingVirtualThreads(virtual)
            .setMaxConcurrentWorkflowTaskPollers(workflowTaskPollers)
            .setMaxConcurrentActivityTaskPollers(activityTaskPollers);
  }

  @Bean
  WorkerDrain workerDrain(
      @Qualifier("temporalWorkerFactory") WorkerFactory workers,
      @Value("${mall.workers.drain-timeout:30s}") Duration drainTimeout) {
    return new WorkerDrain(workers, drainTimeout);
  }
}
