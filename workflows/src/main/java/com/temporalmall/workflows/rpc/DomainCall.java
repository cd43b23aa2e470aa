package com.temporalmall.workflows.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One call of a domain activity by name, on that domain's task queue: the counterpart of a go-zero
 * RPC. Arguments travel as JSON so the activity decodes them into its own parameter types.
 */
public record DomainCall(String taskQueue, String activity, List<JsonNode> args) {}
