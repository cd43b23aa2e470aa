package com.temporalmall.workflows.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runs one domain activity and returns its result: how the API, which holds no database
 * credentials, reads and writes a domain through the worker that owns it. The activity's
 * ApplicationFailure (e.g. NotFound) is the workflow's failure.
 */
@WorkflowInterface
public interface DomainCallWorkflow {
  @WorkflowMethod(name = DomainCallContract.WORKFLOW_TYPE)
  JsonNode call(DomainCall call);
}
