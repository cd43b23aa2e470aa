package com.temporalmall.workflows.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runs one domain activity and returns its result: how the API, which holds no write credentials,
 * changes a domain through the worker that owns it. The activity's ApplicationFailure (e.g.
 * NotFound) is the workflow's failure. Runs on {@value DomainCallContract#TASK_QUEUE}; its id is
 * {@link DomainCallContract#workflowId}.
 *
 * <p>Steps and what compensates each:
 *
 * <ol>
 *   <li>The one activity named by the {@link DomainCall}, on its domain's task queue - none: each
 *       is a single-step write made idempotent by its barrier row (gid = this workflow's id), or a
 *       read.
 * </ol>
 */
@WorkflowInterface
public interface DomainCallWorkflow {
  @WorkflowMethod(name = DomainCallContract.WORKFLOW_TYPE)
  JsonNode call(DomainCall call);
}
