package com.temporalmall.bench;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/** The Temporal side: probe workers and the clients that drive the probes. */
final class Probes {
  private Probes() {}

  static WorkflowClient client() {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(System.getenv().getOrDefault("TEMPORAL_ADDRESS", "127.0.0.1:7233"))
                .build());
    return WorkflowClient.newInstance(
        service,
        WorkflowClientOptions.newBuilder()
            .setNamespace(System.getenv().getOrDefault("TEMPORAL_NAMESPACE", "default"))
            .build());
  }

  /**
   * `worker --queues a,b`: one worker per queue with the mall's settings (WorkerFactory.newInstance
   * with default options, default WorkerOptions), each hosting both probe workflows and the no-op
   * activities; which of them run here depends only on the queue. Runs until killed.
   */
  static void worker(Args args) throws InterruptedException {
    WorkflowClient client = client();
    WorkerFactory factory =
        WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder().build());
    List<String> queues = List.of(args.get("queues").split(","));
    for (String queue : queues) {
      var worker = factory.newWorker(queue);
      worker.registerWorkflowImplementationTypes(
          PlainProbeWorkflow.Impl.class, OrderProbeWorkflow.Impl.class);
      worker.registerActivitiesImplementations(new NoopActivities.Impl());
    }
    factory.start();
    Runtime.getRuntime().addShutdownHook(new Thread(factory::shutdownNow));
    System.out.println("probe workers ready on " + queues);
    new CountDownLatch(1).await();
  }

  /**
   * `probe --shape plain|order --clients N --seconds S --warmup W --out F`: one load point; or a
   * cost point, counted in requests, with the options of {@link ClosedLoop#fromArgs} (`--requests`,
   * `--warmup-requests`, `--cpu`, `--engine-metrics`, `--idle-seconds`).
   */
  static void probe(Args args) throws Exception {
    String shape = args.get("shape");
    WorkflowClient client = client();
    ClosedLoop.Request request =
        switch (shape) {
          case "plain" -> () -> plain(client);
          case "order" -> {
            String paymentWindow = args.get("payment-window", "PT30M");
            yield () -> orderShaped(client, paymentWindow);
          }
          default -> throw new IllegalArgumentException("--shape plain|order");
        };
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("kind", ClosedLoop.counted(args) ? "cost" : "load");
    result.put("scenario", shape.equals("plain") ? "engine probe (plain)" : "order-shaped probe");
    result.put("topology", "probe");
    result.putAll(
        ClosedLoop.fromArgs(args, args.integer("clients", 1), i -> request, ClosedLoop::success));
    Json.write(Path.of(args.get("out")), result);
    System.out.println(Json.write(result));
    client.getWorkflowServiceStubs().shutdownNow();
  }

  private static WorkflowOptions.Builder options(String taskQueue, String idPrefix) {
    return WorkflowOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setWorkflowId(idPrefix + UUID.randomUUID());
  }

  private static int plain(WorkflowClient client) {
    PlainProbeWorkflow workflow =
        client.newWorkflowStub(
            PlainProbeWorkflow.class, options(ProbeQueues.WORKFLOWS, "bench-plain-").build());
    workflow.run("x");
    return 200;
  }

  private static int orderShaped(WorkflowClient client, String paymentWindow) {
    OrderProbeWorkflow workflow =
        client.newWorkflowStub(
            OrderProbeWorkflow.class,
            options(ProbeQueues.ORDER, "bench-order-")
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    String placement =
        WorkflowClient.executeUpdateWithStart(
            workflow::placement,
            UpdateOptions.<String>newBuilder()
                .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                .build(),
            new WithStartWorkflowOperation<>(workflow::run, paymentWindow));
    return "placed".equals(placement) ? 200 : 500;
  }
}
