package com.temporalmall.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.temporalmall.workflows.rpc.DomainCall;
import com.temporalmall.workflows.rpc.DomainCallContract;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Calls one domain activity through a short DomainCall workflow: the API reaches a domain only
 * through the worker that owns its database.
 */
@Component
public class DomainCalls {
  /** The same mapper as Temporal's default payload converter, so JSON round-trips exactly. */
  private static final ObjectMapper JSON = JacksonJsonPayloadConverter.newDefaultObjectMapper();

  private final WorkflowClient client;
  private final Duration timeout;

  public DomainCalls(
      WorkflowClient client, @Value("${mall.api.call-timeout:40s}") Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** A fresh workflow id; a write passes it to the activity as its barrier gid. */
  public String newWorkflowId(String activity) {
    return DomainCallContract.workflowId(activity, UUID.randomUUID().toString());
  }

  /** The workflow id of a write that may carry an Idempotency-Key. */
  public String workflowId(String activity, IdempotencyKey.RequestId requestId) {
    return DomainCallContract.workflowId(activity, requestId.value());
  }

  public <T> T call(String taskQueue, String activity, Class<T> result, Object... args) {
    return call(newWorkflowId(activity), taskQueue, activity, result, args);
  }

  /**
   * Runs the call as workflow {@code workflowId}. If that id already ran (a retried request with
   * the same Idempotency-Key), its first outcome is returned and nothing runs twice.
   */
  public <T> T call(
      String workflowId, String taskQueue, String activity, Class<T> result, Object... args) {
    WorkflowStub workflow =
        client.newUntypedWorkflowStub(
            DomainCallContract.WORKFLOW_TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(DomainCallContract.TASK_QUEUE)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    List<JsonNode> json = Arrays.stream(args).map(arg -> (JsonNode) JSON.valueToTree(arg)).toList();
    try {
      workflow.start(new DomainCall(taskQueue, activity, json));
    } catch (WorkflowExecutionAlreadyStarted firstAttempt) {
      workflow = client.newUntypedWorkflowStub(workflowId);
    }
    try {
      JsonNode answer =
          workflow.getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, JsonNode.class);
      return answer == null || answer.isNull() ? null : JSON.treeToValue(answer, result);
    } catch (TimeoutException e) {
      throw new ProblemException(TemporalOutcomes.timedOut(workflowId));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("unexpected answer from " + activity, e);
    }
  }
}
