package com.temporalmall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.UpsertWorkflowSearchAttributesEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionUpdateCompletedEventAttributes;
import io.temporal.api.update.v1.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The cost phase's pure parts: counted requests, the engine's counters, histories, the report. */
class CostTest {
  @Test
  void ticketsHandOutExactlyThatManyRequestsAmongTheClients() {
    BooleanSupplier another = ClosedLoop.tickets(3);
    int sent = 0;
    while (another.getAsBoolean()) {
      sent++;
    }
    assertThat(sent).isEqualTo(3);
    assertThat(another.getAsBoolean()).isFalse();
  }

  @Test
  void aCountedRunWarmsUpThenMeasuresExactlyItsRequestsBetweenItsMeters()
      throws InterruptedException {
    List<String> calls = new ArrayList<>();
    int[] sent = {0};
    ClosedLoop.Meter meter =
        new ClosedLoop.Meter() {
          @Override
          public void start() {
            calls.add("start after " + sent[0]);
          }

          @Override
          public void stop(long counted, Map<String, Object> point) {
            calls.add("stop after " + sent[0]);
            point.put("counted", counted);
          }
        };
    Map<String, Object> point =
        ClosedLoop.runCounted(
            2,
            5,
            7,
            i ->
                () -> {
                  synchronized (sent) {
                    sent[0]++;
                  }
                  return 200;
                },
            () -> calls.add("between after " + sent[0]),
            List.of(meter),
            ClosedLoop::success);

    assertThat(calls).containsExactly("between after 5", "start after 5", "stop after 12");
    assertThat(point)
        .containsEntry("counted", 7L)
        .containsEntry("warmupRequests", 5)
        .containsEntry("requests", 7);
  }

  private static final String SCRAPE_BEFORE =
      """
      # HELP service_requests service_requests counter
      # TYPE service_requests counter
      service_requests{namespace="default",operation="ExecuteMultiOperation",service_name="frontend"} 10
      service_requests{namespace="default",operation="ExecuteMultiOperation",service_name="history"} 10
      service_requests{namespace="default",operation="PollWorkflowTaskQueue",service_name="frontend"} 20
      persistence_requests{operation="UpdateWorkflowExecution",service_name="history"} 60
      persistence_requests{operation="UpdateWorkflowExecution",service_name="matching"} 4
      visibility_persistence_requests{operation="UpsertWorkflowExecution"} 20
      service_latency_bucket{operation="PollWorkflowTaskQueue",le="0.1"} 7
      """;

  private static final String SCRAPE_AFTER =
      """
      service_requests{namespace="default",operation="ExecuteMultiOperation",service_name="frontend"} 110
      service_requests{namespace="default",operation="ExecuteMultiOperation",service_name="history"} 110
      service_requests{namespace="default",operation="PollWorkflowTaskQueue",service_name="frontend"} 220
      service_requests{namespace="_unknown_",operation="GetSystemInfo",service_name="frontend"} 0.2
      persistence_requests{operation="UpdateWorkflowExecution",service_name="history"} 660
      persistence_requests{operation="UpdateWorkflowExecution",service_name="matching"} 4
      visibility_persistence_requests{operation="UpsertWorkflowExecution"} 220
      visibility_persistence_requests{operation="RecordWorkflowExecutionStarted"} 100 1700000000000
      """;

  @Test
  void theEnginesCountersBecomeRequestsPerAnswerByOperationFrontendOnlyForGrpc() {
    Map<String, Map<String, Double>> before = EngineMetrics.parse(SCRAPE_BEFORE);
    Map<String, Map<String, Double>> after = EngineMetrics.parse(SCRAPE_AFTER);

    assertThat(before.get("frontend"))
        .containsExactly(
            Map.entry("ExecuteMultiOperation", 10.0), Map.entry("PollWorkflowTaskQueue", 20.0));
    assertThat(before.get("persistence"))
        .containsExactly(Map.entry("UpdateWorkflowExecution", 64.0));

    Map<String, Object> perAnswer = EngineMetrics.perAnswer(before, after, 100);
    JsonNode json = Json.MAPPER.valueToTree(perAnswer);
    assertThat(json.at("/frontend/total").asDouble()).isEqualTo(3.0);
    assertThat(json.at("/frontend/operations/ExecuteMultiOperation").asDouble()).isEqualTo(1.0);
    assertThat(json.at("/frontend/operations/PollWorkflowTaskQueue").asDouble()).isEqualTo(2.0);
    // 0.002 per answer: counted in the total, too small to list
    assertThat(json.at("/frontend/operations").has("GetSystemInfo")).isFalse();
    assertThat(json.at("/persistence/operations/UpdateWorkflowExecution").asDouble())
        .isEqualTo(6.0);
    assertThat(json.at("/visibility/total").asDouble()).isEqualTo(3.0);
    assertThat(EngineMetrics.perAnswer(before, after, 0)).isEmpty();
  }

  private static Payload payload(String json) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(json))
        .build();
  }

  @Test
  void aHistorySummaryCountsEventsByTypeAndTheBytesOfEachKindOfPayload() {
    Payload input = payload("{\"uid\":1,\"pid\":2}");
    Payload memo = payload("1");
    Payload attribute = payload("\"PLACING\"");
    Payload trace = payload("{\"traceparent\":\"00-1\"}");
    Payload orderId = payload("8479");
    Payload result = payload("{\"orderId\":8479,\"amount\":1}");
    History history =
        History.newBuilder()
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
                    .setWorkflowExecutionStartedEventAttributes(
                        WorkflowExecutionStartedEventAttributes.newBuilder()
                            .setInput(Payloads.newBuilder().addPayloads(input))
                            .setMemo(Memo.newBuilder().putFields("num", memo))
                            .setSearchAttributes(
                                SearchAttributes.newBuilder()
                                    .putIndexedFields("SagaStatus", attribute))
                            .setHeader(Header.newBuilder().putFields("_tracer-data", trace))))
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventType(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
                    .setUpsertWorkflowSearchAttributesEventAttributes(
                        UpsertWorkflowSearchAttributesEventAttributes.newBuilder()
                            .setSearchAttributes(
                                SearchAttributes.newBuilder()
                                    .putIndexedFields("OrderId", orderId))))
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED)
                    .setWorkflowExecutionUpdateCompletedEventAttributes(
                        WorkflowExecutionUpdateCompletedEventAttributes.newBuilder()
                            .setOutcome(
                                Outcome.newBuilder()
                                    .setSuccess(Payloads.newBuilder().addPayloads(result)))))
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventType(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES))
            .build();

    JsonNode summary = Json.MAPPER.valueToTree(Histories.summary(history));

    assertThat(summary.get("events").asInt()).isEqualTo(4);
    assertThat(summary.get("historyBytes").asInt()).isEqualTo(history.getSerializedSize());
    assertThat(summary.at("/start/inputBytes").asLong()).isEqualTo(input.getSerializedSize());
    assertThat(summary.at("/start/memoBytes").asLong()).isEqualTo(memo.getSerializedSize());
    assertThat(summary.at("/start/searchAttributesBytes").asLong())
        .isEqualTo(attribute.getSerializedSize());
    assertThat(summary.at("/start/headerBytes").asLong()).isEqualTo(trace.getSerializedSize());
    assertThat(summary.get("upserts").asLong()).isEqualTo(2);
    assertThat(summary.get("upsertBytes").asLong()).isEqualTo(orderId.getSerializedSize());
    assertThat(summary.get("updateResultBytes").asLong()).isEqualTo(result.getSerializedSize());
    assertThat(summary.get("payloadBytes").asLong())
        .isEqualTo(
            (long) input.getSerializedSize()
                + memo.getSerializedSize()
                + attribute.getSerializedSize()
                + trace.getSerializedSize()
                + orderId.getSerializedSize()
                + result.getSerializedSize());
    assertThat(summary.at("/eventTypes/UPSERT_WORKFLOW_SEARCH_ATTRIBUTES").asInt()).isEqualTo(2);
    assertThat(summary.at("/eventTypes/WORKFLOW_EXECUTION_STARTED").asInt()).isEqualTo(1);
  }

  @Test
  void processesAtRestAreReadPerSecond() {
    Map<String, Long> before = new LinkedHashMap<>();
    before.put("temporal", 100L);
    before.put("api", 50L);
    Map<String, Long> after = new LinkedHashMap<>();
    after.put("temporal", 120L);
    Map<String, Object> rate =
        Cpu.perSecond(
            new Cpu.Snapshot(before, 1000, 5000, 0),
            new Cpu.Snapshot(after, 1100, 5400, 2_000_000_000L),
            100);

    JsonNode json = Json.MAPPER.valueToTree(rate);
    assertThat(json.at("/processes/temporal").asDouble()).isEqualTo(100.0);
    assertThat(json.at("/processes").has("api")).isFalse();
    assertThat(json.get("boxBusyMsPerSecond").asDouble()).isEqualTo(500.0);
  }

  @Test
  void aCostColumnNamesItsScenarioTopologyAndVariant() {
    ObjectNode point = cost(Report.ORDER_CREATE, "split", 10);
    assertThat(Report.costColumn(point)).isEqualTo("order/create split");
    point.put("variant", "no-gzip");
    assertThat(Report.costColumn(point)).isEqualTo("order/create split [no-gzip]");
    assertThat(Report.costColumn(cost(Report.ORDER_SHAPED, "probe", 10)))
        .isEqualTo("order-shaped probe");
  }

  @Test
  void theJitCompilerThreadsAreHotSpotsC1AndC2Threads() {
    assertThat(Cpu.jitThread("C2 CompilerThre")).isTrue();
    assertThat(Cpu.jitThread("C1 CompilerThre")).isTrue();
    assertThat(Cpu.jitThread("GC Thread#0")).isFalse();
    assertThat(Cpu.jitThread("ForkJoinPool-1-")).isFalse();
  }

  @Test
  void processesHaveRolesAndTheJvmsAreWhatIsNeitherEngineDatabaseNorLoad() {
    assertThat(Report.role("temporal")).isEqualTo(Report.Role.ENGINE);
    assertThat(Report.role("postgresql")).isEqualTo(Report.Role.ENGINE);
    assertThat(Report.role("mariadb")).isEqualTo(Report.Role.DATABASE);
    assertThat(Report.role("load-generator")).isEqualTo(Report.Role.LOAD);
    assertThat(Report.role("order-worker")).isEqualTo(Report.Role.JVM);
    assertThat(Report.role("probe-worker-bench-order")).isEqualTo(Report.Role.JVM);
  }

  private static ObjectNode cost(
      String scenario, String topology, double perSecond, String... msPerAnswer) {
    ObjectNode point = Json.MAPPER.createObjectNode();
    point.put("kind", "cost");
    point.put("engine", "dev");
    point.put("scenario", scenario);
    point.put("topology", topology);
    point.put("concurrency", 8);
    point.put("warmupRequests", 2000);
    point.put("requests", 800);
    point.put("perSecond", perSecond);
    ObjectNode processes = point.putObject("cpu").putObject("processes");
    ObjectNode idle = point.putObject("idle").putObject("processes");
    for (int i = 0; i < msPerAnswer.length; i += 2) {
      processes.put(msPerAnswer[i], Double.parseDouble(msPerAnswer[i + 1]));
      idle.put(msPerAnswer[i], 10.0);
    }
    point.with("cpu").put("placed", 800);
    if (processes.has("api")) {
      point.with("cpu").putObject("jitMsPerOrder").put("api", 3.5).put("all-workers", 5.0);
    }
    return point;
  }

  @Test
  void theCostTableSetsTheOrderBesideTheProbesWithTheTargetsReportedNeverJudged() {
    ObjectNode order =
        cost(
            Report.ORDER_CREATE,
            "combined",
            20,
            "temporal",
            "30",
            "mariadb",
            "2",
            "all-workers",
            "14",
            "api",
            "9.5",
            "load-generator",
            "5");
    order
        .putObject("engineRequests")
        .putObject("frontend")
        .put("total", 9.2)
        .putObject("operations")
        .put("PollWorkflowExecutionUpdate", 1.0);
    List<JsonNode> fragments =
        List.of(
            cost(
                Report.ORDER_SHAPED,
                "probe",
                40,
                "temporal",
                "20",
                "probe-worker-bench-order",
                "4"),
            cost(Report.ENGINE, "probe", 25, "temporal", "32"),
            order);
    Report report = new Report(fragments);
    ObjectNode json = report.build();
    String text = report.toString();

    JsonNode row = json.get("cost").get(0);
    assertThat(row.get("scenario").asText()).isEqualTo(Report.ORDER_CREATE);
    assertThat(row.get("engineOverOrderProbe").asDouble()).isEqualTo(1.5);
    assertThat(row.get("engineOverPlainProbe").asDouble()).isEqualTo(0.94);
    assertThat(row.get("jvmsMsPerAnswer").asDouble()).isEqualTo(23.5);
    assertThat(row.get("servingMsPerAnswer").asDouble()).isEqualTo(55.5);
    assertThat(row.at("/targets/0/met").asBoolean()).isFalse();
    assertThat(row.at("/targets/1/target").asText()).isEqualTo("<= 12 ms");
    assertThat(json.get("checksPassed").asBoolean()).isTrue();
    assertThat(Report.atRestPerAnswer(json.get("cost").get(0), Report.Role.JVM)).isEqualTo(1.0);
    assertThat(text)
        .contains(
            "| CPU ms per answer | order/create combined | order-shaped probe | engine probe (plain) |")
        .contains("| temporal | 30.0 | 20.0 | 32.0 |")
        .contains("| JVMs together (the mall's, or the probe's workers) | 23.5 | 4.00 | - |")
        .contains("| engine + database + JVMs | 55.5 | 24.0 | 32.0 |")
        .contains("= 1.50x (target <= 1.20x: MISSED)")
        .contains(
            "the mall's JVMs together 23.5 ms, 15.0 without JIT compilation (target <= 12 ms: MISSED)")
        .contains("| ... of which the JVMs' JIT compiler threads | 8.50 | - | - |")
        .contains("| frontend: PollWorkflowExecutionUpdate | 1.00 |");
  }
}
