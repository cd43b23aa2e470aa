package com.temporalmall.bench;

import com.google.protobuf.util.Timestamps;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The books after a chaos scenario, read with SQL from the domain databases and from Temporal's
 * visibility: what the clients were told must match what the databases hold.
 */
final class Books {
  record Check(String name, boolean ok, String detail) {}

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final WorkflowClient temporal;

  Books(String jdbcUrl, String user, String password, WorkflowClient temporal) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.temporal = temporal;
  }

  /**
   * Orders of the product still in their placement saga (search attribute SagaStatus = PLACING).
   */
  long placing(long pid) {
    return temporal.countWorkflows(sagas(pid, "PLACING")).getCount();
  }

  /**
   * Waits until no saga of the product is in placement and the stock sold equals its orders with
   * status 0 or 1; returns how long that took.
   */
  Duration drain(long pid, int initialStock, Duration timeout)
      throws InterruptedException, SQLException {
    long start = System.nanoTime();
    while (placing(pid) > 0 || initialStock - stock(pid) != ordersWithStatus(pid, "0, 1")) {
      if (System.nanoTime() - start > timeout.toNanos()) {
        return null;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  List<Check> check(long pid, int initialStock, List<CarefulClient.Order> orders)
      throws SQLException {
    return check(pid, initialStock, orders, "0");
  }

  /**
   * The common checks; {@code placedStatuses} are the statuses a placed order may have by now ("0":
   * awaiting payment; "1, 9": paid or cancelled, once every payment has settled).
   */
  List<Check> check(
      long pid, int initialStock, List<CarefulClient.Order> orders, String placedStatuses)
      throws SQLException {
    List<Check> checks = new ArrayList<>();
    long unanswered = orders.stream().filter(order -> !order.finalAnswer()).count();
    checks.add(
        new Check("every order got a final answer", unanswered == 0, unanswered + " without"));

    List<String> undocumented =
        orders.stream()
            .flatMap(order -> order.retriedAnswers().stream())
            .filter(
                answer ->
                    answer.startsWith("5")
                        && !answer.startsWith("503")
                        && !answer.startsWith("504"))
            .toList();
    checks.add(
        new Check(
            "no 5xx but 503/504",
            undocumented.isEmpty(),
            undocumented.isEmpty() ? "none" : undocumented.toString()));

    long placing = placing(pid);
    checks.add(new Check("no saga left in placement", placing == 0, placing + " placing"));

    int stockLeft = stock(pid);
    long sold = (long) initialStock - stockLeft;
    long kept = ordersWithStatus(pid, "0, 1");
    checks.add(
        new Check(
            "stock sold = orders placed",
            sold == kept && stockLeft >= 0,
            "sold " + sold + ", orders status 0/1 " + kept));

    List<Long> placedIds =
        orders.stream()
            .filter(CarefulClient.Order::placed)
            .map(CarefulClient.Order::orderId)
            .toList();
    Set<Long> distinct = new HashSet<>(placedIds);
    long valid =
        countOrders(
            "id IN (" + ids(placedIds) + ") AND pid = ? AND status IN (" + placedStatuses + ")",
            pid);
    long withPlacedStatus = countOrders("pid = ? AND status IN (" + placedStatuses + ")", pid);
    checks.add(
        new Check(
            "each 200 names its own order, status " + placedStatuses,
            distinct.size() == placedIds.size() && valid == placedIds.size(),
            placedIds.size()
                + " answers, "
                + distinct.size()
                + " distinct, "
                + valid
                + " found with status "
                + placedStatuses));
    checks.add(
        new Check(
            "no order placed without a 200",
            withPlacedStatus == placedIds.size(),
            withPlacedStatus + " orders, " + placedIds.size() + " answers 200"));

    long rows = countOrders("pid = ?", pid);
    long sagas = single("SELECT COUNT(DISTINCT gid) FROM mall_order.orders WHERE pid = ?", pid);
    checks.add(
        new Check(
            "one order row per saga",
            rows == sagas && rows <= orders.size(),
            rows + " rows, " + sagas + " sagas, " + orders.size() + " orders sent"));

    long doubled = 0;
    for (String database : List.of("mall_order", "mall_product", "mall_pay")) {
      doubled +=
          single(
              "SELECT COUNT(*) FROM (SELECT b.gid FROM "
                  + database
                  + ".barrier b"
                  + " JOIN mall_order.orders o ON o.gid = b.gid WHERE o.pid = ?"
                  + " GROUP BY b.gid, b.branch_id, b.op HAVING COUNT(*) > 1) doubled",
              pid);
    }
    checks.add(
        new Check(
            "barrier rows at most one per (gid, branch, op)", doubled == 0, doubled + " repeated"));
    return checks;
  }

  /**
   * Waits until {@code expected} sagas of the product are in placement, each with a pending
   * activity, and returns the latest of those activities' schedule-to-close deadlines.
   */
  Instant pendingActivityDeadlines(long pid, int expected, Duration timeout)
      throws InterruptedException {
    long start = System.nanoTime();
    while (true) {
      List<String> placing =
          temporal
              .listExecutions(sagas(pid, "PLACING"))
              .map(execution -> execution.getExecution().getWorkflowId())
              .toList();
      Instant latest = Instant.EPOCH;
      int pending = 0;
      for (String workflowId : placing) {
        for (PendingActivityInfo activity :
            temporal
                .newUntypedWorkflowStub(workflowId)
                .describe()
                .getRawDescription()
                .getPendingActivitiesList()) {
          pending++;
          Instant deadline =
              Instant.ofEpochMilli(Timestamps.toMillis(activity.getExpirationTime()));
          latest = deadline.isAfter(latest) ? deadline : latest;
        }
      }
      if (placing.size() == expected && pending == expected) {
        return latest;
      }
      if (System.nanoTime() - start > timeout.toNanos()) {
        throw new IllegalStateException(
            placing.size()
                + " of "
                + expected
                + " sagas in placement, "
                + pending
                + " pending activities after "
                + timeout);
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
  }

  /**
   * Whether the history of one compensated saga of the product shows an activity that timed out.
   */
  Check historyShowsTimeout(long pid) {
    var page = temporal.listExecutions(sagas(pid, "COMPENSATED")).limit(1).toList();
    if (page.isEmpty()) {
      return new Check("history shows the timeout", false, "no compensated saga found");
    }
    String workflowId = page.get(0).getExecution().getWorkflowId();
    boolean timedOut =
        temporal.fetchHistory(workflowId).getEvents().stream()
            .map(HistoryEvent::getEventType)
            .anyMatch(type -> type == EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT);
    return new Check(
        "history shows the timeout",
        timedOut,
        workflowId + (timedOut ? ": ActivityTaskTimedOut" : ": no timeout event"));
  }

  /**
   * Workflows not yet closed: the product's order sagas and every PayFlagRefund (the late payments'
   * refunds the API starts once an order's saga has ended).
   */
  long running(long pid) {
    return temporal
            .countWorkflows("ProductId = " + pid + " AND ExecutionStatus = 'Running'")
            .getCount()
        + temporal
            .countWorkflows("WorkflowType = 'PayFlagRefund' AND ExecutionStatus = 'Running'")
            .getCount();
  }

  /**
   * The orders' books: each order's status and its pay (the first by id, its amount, checkout and
   * status) and how many pays it has, with the timing its buyer paid with.
   */
  List<PaymentsChaos.OrderBook> paymentBooks(Map<Long, PaymentsChaos.Timing> timings)
      throws SQLException {
    List<PaymentsChaos.OrderBook> books = new ArrayList<>();
    if (timings.isEmpty()) {
      return books;
    }
    String sql =
        "SELECT o.id, o.status, MIN(p.id), COUNT(p.id),"
            + " (SELECT status FROM mall_pay.pays WHERE id = MIN(p.id)),"
            + " (SELECT amount FROM mall_pay.pays WHERE id = MIN(p.id)),"
            + " (SELECT checkout FROM mall_pay.pays WHERE id = MIN(p.id))"
            + " FROM mall_order.orders o LEFT JOIN mall_pay.pays p ON p.oid = o.id"
            + " WHERE o.id IN ("
            + ids(List.copyOf(timings.keySet()))
            + ") GROUP BY o.id, o.status ORDER BY o.id";
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        long orderId = result.getLong(1);
        long payId = result.getLong(3);
        Long pay = result.wasNull() ? null : payId;
        int payStatus = result.getInt(5);
        Integer status = result.wasNull() ? null : payStatus;
        books.add(
            new PaymentsChaos.OrderBook(
                orderId,
                timings.get(orderId),
                result.getInt(2),
                pay,
                status,
                result.getLong(6),
                result.getString(7),
                result.getInt(4)));
      }
    }
    return books;
  }

  /** An order's status (for the payments scenario: has the timer cancelled it yet). */
  int orderStatus(long orderId) throws SQLException {
    return (int) single("SELECT status FROM mall_order.orders WHERE id = ?", orderId);
  }

  /**
   * The product's order sagas that closed other than completed (failed, timed out, terminated,
   * cancelled, continued as new), at most 20, each as "workflowId: closing event: its failure".
   */
  List<String> sagasNotCompleted(long pid) {
    List<String> found = new ArrayList<>();
    temporal
        .listExecutions(
            "WorkflowType = 'OrderSaga' AND ProductId = "
                + pid
                + " AND ExecutionStatus IN ('Failed', 'TimedOut', 'Terminated', 'Canceled',"
                + " 'ContinuedAsNew')")
        .limit(20)
        .forEach(
            execution -> {
              String workflowId = execution.getExecution().getWorkflowId();
              List<HistoryEvent> events =
                  temporal
                      .fetchHistory(workflowId, execution.getExecution().getRunId())
                      .getEvents();
              HistoryEvent last = events.get(events.size() - 1);
              String failure =
                  last.hasWorkflowExecutionFailedEventAttributes()
                      ? messages(last.getWorkflowExecutionFailedEventAttributes().getFailure())
                      : last.hasWorkflowExecutionTerminatedEventAttributes()
                          ? last.getWorkflowExecutionTerminatedEventAttributes().getReason()
                          : "";
              found.add(workflowId + ": " + last.getEventType() + ": " + failure);
            });
    return found;
  }

  /** A failure's message and its causes', outermost first. */
  private static String messages(io.temporal.api.failure.v1.Failure failure) {
    StringBuilder messages = new StringBuilder(failure.getMessage());
    for (var cause = failure; cause.hasCause(); ) {
      cause = cause.getCause();
      messages.append(" <- ").append(cause.getMessage());
    }
    return messages.toString();
  }

  /** The product's OrderSaga executions in any state, as Temporal's visibility counts them. */
  long sagaCount(long pid) {
    return temporal.countWorkflows("WorkflowType = 'OrderSaga' AND ProductId = " + pid).getCount();
  }

  /** When the saga of an order started, as the Temporal server recorded it. */
  Instant sagaStart(long orderId) throws SQLException {
    String workflowId;
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        PreparedStatement statement =
            connection.prepareStatement("SELECT gid FROM mall_order.orders WHERE id = ?")) {
      statement.setLong(1, orderId);
      try (ResultSet result = statement.executeQuery()) {
        if (!result.next()) {
          throw new SQLException("no order " + orderId);
        }
        workflowId = result.getString(1);
      }
    }
    return Instant.ofEpochMilli(
        Timestamps.toMillis(
            temporal
                .newUntypedWorkflowStub(workflowId)
                .describe()
                .getRawDescription()
                .getWorkflowExecutionInfo()
                .getStartTime()));
  }

  /** The visibility query for the product's order sagas with that SagaStatus. */
  private static String sagas(long pid, String sagaStatus) {
    return "ProductId = " + pid + " AND SagaStatus = '" + sagaStatus + "'";
  }

  int stock(long pid) throws SQLException {
    return (int) single("SELECT stock FROM mall_product.products WHERE id = ?", pid);
  }

  long ordersWithStatus(long pid, String statuses) throws SQLException {
    return countOrders("pid = ? AND status IN (" + statuses + ")", pid);
  }

  /** The product's order rows, whatever their status. */
  long orderRows(long pid) throws SQLException {
    return countOrders("pid = ?", pid);
  }

  private long countOrders(String where, long pid) throws SQLException {
    return single("SELECT COUNT(*) FROM mall_order.orders WHERE " + where, pid);
  }

  private static String ids(List<Long> ids) {
    return ids.isEmpty() ? "NULL" : String.join(", ", ids.stream().map(String::valueOf).toList());
  }

  private long single(String sql, long pid) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, pid);
      try (ResultSet result = statement.executeQuery()) {
        if (!result.next()) {
          throw new SQLException("no row: " + sql);
        }
        return result.getLong(1);
      }
    }
  }
}
