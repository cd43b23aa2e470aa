package com.temporalmall.workers;

import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderLifecycleWorkflowImpl;
import com.temporalmall.workflows.order.OrderSagaWorkflowImpl;
import com.temporalmall.workflows.order.OrderWorkflowImpl;
import com.temporalmall.workflows.rpc.DomainCallContract;
import com.temporalmall.workflows.rpc.DomainCallWorkflowImpl;
import io.opentracing.Tracer;
import io.temporal.client.WorkflowClient;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One Temporal worker per hosted task queue: the workflow queue if enabled (DomainCall and the
 * legacy OrderSaga/OrderLifecycle types, kept until their executions drain), and one queue per
 * domain whose activities bean exists in this process (see {@code mall.domains}); the order
 * domain's queue also runs the Order workflow. Started after everything else and stopped first, so
 * on SIGTERM in-flight activities drain while their databases are still open.
 */
public class MallWorkers implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(MallWorkers.class);

  private final WorkflowClient client;
  private final WorkerHostProperties properties;
  private final Map<String, Object> activitiesByTaskQueue;
  private final Tracer tracer;
  private final boolean virtualThreads;
  private volatile WorkerFactory factory;

  /**
   * With a tracer, workflow and activity executions join the trace of whoever started them. With
   * virtual threads, the SDK runs workflow code and every task executor (workflow, activity, local
   * activity) on them: a cached workflow waiting for its payment keeps a virtual thread, not a
   * platform thread and its stack.
   */
  public MallWorkers(
      WorkflowClient client,
      WorkerHostProperties properties,
      Map<String, Object> activitiesByTaskQueue,
      Tracer tracer,
      boolean virtualThreads) {
    if (!properties.enabled() && activitiesByTaskQueue.isEmpty()) {
      throw new IllegalStateException(
          "This worker hosts nothing: set mall.domains (user, product, order, pay) and/or"
              + " mall.workflows.enabled=true");
    }
    this.client = client;
    this.properties = properties;
    this.activitiesByTaskQueue = new TreeMap<>(activitiesByTaskQueue);
    this.tracer = tracer;
    this.virtualThreads = virtualThreads;
  }

  @Override
  public void start() {
    WorkerFactoryOptions.Builder options =
        WorkerFactoryOptions.newBuilder().setUsingVirtualWorkflowThreads(virtualThreads);
    WorkerOptions workerOptions =
        WorkerOptions.newBuilder().setUsingVirtualThreads(virtualThreads).build();
    if (tracer != null) {
      options.setWorkerInterceptors(
          new OpenTracingWorkerInterceptor(
              OpenTracingOptions.newBuilder().setTracer(tracer).build()));
    }
    WorkerFactory newFactory = WorkerFactory.newInstance(client, options.build());
    if (properties.enabled()) {
      newFactory
          .newWorker(DomainCallContract.TASK_QUEUE, workerOptions)
          .registerWorkflowImplementationTypes(
              OrderSagaWorkflowImpl.class,
              OrderLifecycleWorkflowImpl.class,
              DomainCallWorkflowImpl.class);
    }
    activitiesByTaskQueue.forEach(
        (taskQueue, activities) -> {
          Worker worker = newFactory.newWorker(taskQueue, workerOptions);
          worker.registerActivitiesImplementations(activities);
          if (OrderContract.TASK_QUEUE.equals(taskQueue)) {
            // The order's own workflow runs beside the order database: its order steps are
            // local activities, with no task dispatch of their own.
            worker.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
          }
        });
    newFactory.start();
    factory = newFactory;
    log.info(
        "Temporal workers polling namespace '{}': workflows={}, activity task queues={}, {} threads",
        client.getOptions().getNamespace(),
        properties.enabled() ? DomainCallContract.TASK_QUEUE : "-",
        activitiesByTaskQueue.keySet(),
        virtualThreads ? "virtual" : "platform");
  }

  @Override
  public void stop() {
    WorkerFactory running = factory;
    if (running == null) {
      return;
    }
    log.info("Draining Temporal workers (up to {})", properties.drainTimeout());
    running.shutdown();
    running.awaitTermination(properties.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
    factory = null;
  }

  @Override
  public boolean isRunning() {
    return factory != null;
  }

  /** Last to start, first to stop. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }

  public Map<String, Object> hostedActivities() {
    return Map.copyOf(activitiesByTaskQueue);
  }
}
