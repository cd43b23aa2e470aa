package com.temporalmall.api.temporal;

import io.opentelemetry.context.Context;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads that start orders and wait for their placement (the SDK has no asynchronous
 * Update-with-Start); requests beyond them queue here instead of holding a request thread each.
 * Their number bounds the placements in flight against Temporal; with {@code
 * spring.threads.virtual.enabled} they are virtual threads, which park on the wait for nothing but
 * a little heap.
 */
@Configuration(proxyBeanMethods = false)
public class TemporalStartsConfiguration {
  public static final String EXECUTOR = "temporalStarts";

  @Bean(name = EXECUTOR, destroyMethod = "shutdown")
  ThreadPoolTaskExecutor temporalStarts(
      @Value("${mall.api.start-threads:64}") int threads, Environment environment) {
    ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    executor.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
    executor.setThreadNamePrefix("temporal-start-");
    executor.setCorePoolSize(threads);
    executor.setMaxPoolSize(threads);
    // The start joins the trace of the HTTP request that asked for it.
    executor.setTaskDecorator(task -> Context.current().wrap(task));
    executor.initialize();
    return executor;
  }
}
