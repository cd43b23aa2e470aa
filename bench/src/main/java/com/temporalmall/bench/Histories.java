package com.temporalmall.bench;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one execution costs the engine to store: its history's events by type, its size and the
 * bytes of its payloads - what the start carries (input, memo, search attributes, header), the
 * search-attribute upserts, the update's result - for the mall's order and the probes side by side.
 */
final class Histories {
  private Histories() {}

  /**
   * `history --query Q --scenario NAME --topology T --out F`: the history of one execution the
   * visibility query finds (the oldest of the 20 it lists first, so one that is past its
   * placement), summarized.
   */
  static void main(Args args) throws Exception {
    WorkflowClient client = Probes.client();
    String query = args.get("query");
    List<String> ids =
        client
            .listExecutions(query)
            .limit(20)
            .map(execution -> execution.getExecution().getWorkflowId())
            .toList();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("kind", "history");
    result.put("scenario", args.get("scenario"));
    result.put("topology", args.get("topology"));
    Mall.putVariant(result, args);
    result.put("query", query);
    if (ids.isEmpty()) {
      result.put("error", "no execution found");
    } else {
      String workflowId = ids.get(ids.size() - 1);
      result.put("workflowId", workflowId);
      result.putAll(summary(client.fetchHistory(workflowId).getHistory()));
    }
    Json.write(Path.of(args.get("out")), result);
    System.out.println(Json.write(result));
    client.getWorkflowServiceStubs().shutdownNow();
  }

  /**
   * Events (total and by type, without the EVENT_TYPE_ prefix, in order of first appearance), the
   * history's serialized size, the bytes of all its payloads, and the payload bytes of: the start's
   * input, memo, search attributes and header; the search-attribute upserts (and how many); the
   * update results.
   */
  static Map<String, Object> summary(History history) {
    Map<String, Object> summary = new LinkedHashMap<>();
    Map<String, Integer> types = new LinkedHashMap<>();
    long upserts = 0;
    long upsertBytes = 0;
    long updateResultBytes = 0;
    Map<String, Long> start = new LinkedHashMap<>();
    for (HistoryEvent event : history.getEventsList()) {
      types.merge(event.getEventType().name().replaceFirst("^EVENT_TYPE_", ""), 1, Integer::sum);
      if (event.hasWorkflowExecutionStartedEventAttributes()) {
        WorkflowExecutionStartedEventAttributes started =
            event.getWorkflowExecutionStartedEventAttributes();
        start.put("inputBytes", payloadBytes(started.getInput()));
        start.put("memoBytes", payloadBytes(started.getMemo()));
        start.put("searchAttributesBytes", payloadBytes(started.getSearchAttributes()));
        start.put("headerBytes", payloadBytes(started.getHeader()));
        start.put("eventBytes", (long) event.getSerializedSize());
      }
      if (event.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) {
        upserts++;
        upsertBytes += payloadBytes(event.getUpsertWorkflowSearchAttributesEventAttributes());
      }
      if (event.hasWorkflowExecutionUpdateCompletedEventAttributes()) {
        updateResultBytes +=
            payloadBytes(event.getWorkflowExecutionUpdateCompletedEventAttributes().getOutcome());
      }
    }
    summary.put("events", history.getEventsCount());
    summary.put("historyBytes", history.getSerializedSize());
    summary.put("payloadBytes", payloadBytes(history));
    summary.put("start", start);
    summary.put("upserts", upserts);
    summary.put("upsertBytes", upsertBytes);
    summary.put("updateResultBytes", updateResultBytes);
    summary.put("eventTypes", types);
    return summary;
  }

  /** The serialized bytes of every {@link Payload} inside a message (map values included). */
  static long payloadBytes(Message message) {
    if (message instanceof Payload payload) {
      return payload.getSerializedSize();
    }
    long bytes = 0;
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.getKey().isRepeated()) {
        for (Object element : (List<?>) field.getValue()) {
          bytes += payloadBytes((Message) element);
        }
      } else {
        bytes += payloadBytes((Message) field.getValue());
      }
    }
    return bytes;
  }
}
