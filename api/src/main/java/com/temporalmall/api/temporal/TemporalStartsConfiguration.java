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
 * a little heap. The queue is bounded too ({@code mall.api.start-queue-capacity}): when Temporal
 * stops answering and it fills up, a further order is refused at once - 503 temporal-unavailable
 * with Retry-After, its stock ticket given back - instead of waiting behind a queue it cannot pass.
 */
@Configuration(proxyBeanMethods = false)
public class TemporalStartsConfiguration {
  public static final String EXECUTOR = "temporalStarts";

  @Bean(name = EXECUTOR, destroyMethod = "shutdown")
  ThreadPoolTaskExecutor temporalStarts(
      @Value("${mall.api.start-threads:64}") int threads,
      @Value("${mall.api.start-queue-capacity:1000}") int queueCapacity,
      Environment environment) {
    ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    executor.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
    executor.setThreadNamePrefix("temporal-start-");
    executor.setCorePoolSize(threads);
    executor.setMaxPoolSize(threads);
    executor.setQueueCapacity(queueCapacity);
    // The start joins the trace of the HTTP request that asked for it.
    executor.setTaskDecorator(task -> Context.current().wrap(task));
    executor.initialize();
    return executor;
  }
}
