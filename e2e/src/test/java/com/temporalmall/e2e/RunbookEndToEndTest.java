package com.temporalmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.product.ProductContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI runbook of docs/operations.md, command for command, with the real `temporal` CLI against
 * the dev server the mall runs on: find, describe, show, query, signal, terminate and reset sagas.
 */
class RunbookEndToEndTest {
  private static MallCluster mall;
  private static MallHttp http;
  private static TemporalCli temporal;
  private static String token;

  @BeforeAll
  static void startMall() {
    mall = MallCluster.start();
    http = new MallHttp(mall.apiUrl());
    temporal = new TemporalCli(mall.temporalAddress());
    token = http.registerAndLogin("13400000001");
  }

  @AfterAll
  static void stopMall() {
    if (mall != null) {
      mall.close();
    }
  }

  @Test
  void readinessReflectsTemporalAndTheDatabases() {
    MallHttp.Reply api = new MallHttp(mall.url("api")).get("/actuator/health/readiness");
    assertThat(api.status()).isEqualTo(200);
    assertThat(api.body().at("/components/temporal/status").asText()).isEqualTo("UP");
    assertThat(api.body().at("/components/db/status").asText()).as(api.toString()).isEqualTo("UP");

    MallHttp.Reply worker =
        new MallHttp(mall.url("order-worker")).get("/actuator/health/readiness");
    assertThat(worker.status()).isEqualTo(200);
    assertThat(worker.body().at("/components/temporal/status").asText()).isEqualTo("UP");
    assertThat(worker.body().at("/components/db/status").asText())
        .as(worker.toString())
        .isEqualTo("UP");
  }

  /**
   * The API's read pools use SELECT-only accounts: with the pool's read-only flag switched off, the
   * database itself still refuses every write (MariaDB/MySQL error 1142, "command denied").
   */
  @Test
  void theApiReadsEveryDomainDatabaseThroughAnAccountThatCannotWrite() throws SQLException {
    for (String domain : MallCluster.DOMAINS) {
      try (Connection connection = mall.apiReads(domain).getConnection();
          Statement statement = connection.createStatement()) {
        connection.setReadOnly(false);
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM barrier")) {
          assertThat(rows.next()).isTrue();
        }
        for (String write :
            List.of(
                "INSERT INTO barrier (gid, branch_id, op, barrier_id) VALUES ('forged', 'b', 'action', '01')",
                "UPDATE barrier SET reason = 'forged'",
                "DELETE FROM barrier",
                "CREATE TABLE forged (id INT)")) {
          assertThatThrownBy(() -> statement.executeUpdate(write))
              .as(domain + ": " + write)
              .isInstanceOfSatisfying(
                  SQLException.class, denied -> assertThat(denied.getErrorCode()).isEqualTo(1142));
        }
      }
    }
  }

  @Test
  void findDescribeAndShowACompensatedSaga() {
    long pid = http.createProduct(token, 0, 10);
    // An API with its stock gate switched off lets the order reach its saga, which compensates.
    MallHttp sagaOnly =
        new MallHttp(mall.startAnotherApi("api-no-gate", "mall.api.stock-admission.enabled=false"));
    MallHttp.Reply rejected = sagaOnly.post("/api/order/create", token, Map.of("pid", pid));
    assertThat(rejected.status()).isEqualTo(409);
    long orderId = rejected.body().get("orderId").asLong();
    String saga = gidOf(orderId);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        temporal.run(
                            "workflow",
                            "list",
                            "--query",
                            "SagaStatus = 'COMPENSATED' AND OrderId = " + orderId))
                    .contains(saga));
    assertThat(temporal.run("workflow", "describe", "--workflow-id", saga, "--output", "json"))
        .contains("WORKFLOW_EXECUTION_STATUS_FAILED");
    // Remote steps show as activities; the order steps ran locally and show as LocalActivity
    // markers.
    assertThat(temporal.run("workflow", "show", "--workflow-id", saga, "--output", "json"))
        .contains(
            ProductContract.Activities.DECR_STOCK,
            ProductContract.Activities.DECR_STOCK_REVERT,
            "\"markerName\": \"LocalActivity\"");
  }

  @Test
  void queryAndSignalAnUnpaidOrder() {
    long pid = http.createProduct(token, 5, 10);
    long orderId =
        http.post("/api/order/create", token, Map.of("pid", pid, "num", 2))
            .body()
            .get("id")
            .asLong();
    String lifecycle = gidOf(orderId);

    assertThat(
            temporal.run(
                "workflow",
                "query",
                "--workflow-id",
                lifecycle,
                "--name",
                OrderContract.Queries.STATE))
        .contains("AWAITING_PAYMENT");
    temporal.run(
        "workflow",
        "signal",
        "--workflow-id",
        lifecycle,
        "--name",
        OrderContract.Signals.REQUEST_CANCEL);

    await().atMost(Duration.ofSeconds(30)).until(() -> stock(pid) == 5);
    assertThat(orderStatus(orderId)).isEqualTo(9);
  }

  @Test
  void terminateAStuckSagaThenResetItOnceTheCauseIsFixed() throws Exception {
    long pid = http.createProduct(token, 3, 10);
    mall.stopProductWorker();
    try {
      terminateAndReset(pid);
    } finally {
      mall.restartProductWorker(DecrStockFault.NONE);
    }
  }

  private void terminateAndReset(long pid) throws Exception {
    CompletableFuture<MallHttp.Reply> waiting =
        CompletableFuture.supplyAsync(
            () -> http.post("/api/order/create", token, Map.of("pid", pid)));
    String query =
        "WorkflowType = 'OrderSaga' AND ExecutionStatus = 'Running' AND ProductId = " + pid;
    String[] stuck = new String[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String listed = temporal.run("workflow", "list", "--query", query);
              assertThat(listed).contains(OrderContract.WORKFLOW_ID_PREFIX);
              stuck[0] =
                  listed.substring(listed.indexOf(OrderContract.WORKFLOW_ID_PREFIX))
                      .split("\\s+", 2)[0];
            });

    temporal.run(
        "workflow", "terminate", "--workflow-id", stuck[0], "--reason", "product worker down");
    // The caller's answer is final, and told from the books: order.create had committed (status
    // 0), so it gets that order - which the reset below places.
    MallHttp.Reply answer = waiting.get();
    assertThat(answer.status()).as("the caller gets the order its saga wrote").isEqualTo(200);
    assertThat(temporal.run("workflow", "describe", "--workflow-id", stuck[0], "--output", "json"))
        .contains("WORKFLOW_EXECUTION_STATUS_TERMINATED");

    mall.restartProductWorker(DecrStockFault.NONE);
    temporal.run(
        "workflow",
        "reset",
        "--workflow-id",
        stuck[0],
        "--type",
        "FirstWorkflowTask",
        "--reason",
        "product worker is back");

    // The reset run places the order (order.create returns the same row) and waits for payment.
    await().atMost(Duration.ofSeconds(60)).until(() -> stock(pid) == 2);
    long orderId =
        mall.db("order")
            .queryForObject("select id from orders where gid = ?", Long.class, stuck[0]);
    assertThat(orderStatus(orderId)).isZero();
    assertThat(answer.body().get("id").asLong()).isEqualTo(orderId);
    assertThat(
            temporal.run(
                "workflow",
                "query",
                "--workflow-id",
                stuck[0],
                "--name",
                OrderContract.Queries.STATE))
        .contains("AWAITING_PAYMENT");
  }

  private static String gidOf(long orderId) {
    return mall.db("order")
        .queryForObject("select gid from orders where id = ?", String.class, orderId);
  }

  private static int orderStatus(long orderId) {
    return mall.db("order")
        .queryForObject("select status from orders where id = ?", Integer.class, orderId);
  }

  private static int stock(long pid) {
    return mall.db("product")
        .queryForObject("select stock from products where id = ?", Integer.class, pid);
  }
}
