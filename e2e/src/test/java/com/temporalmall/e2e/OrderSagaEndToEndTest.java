package com.temporalmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.product.ProductContract;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowExecutionDescription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The tutorial's flows and the two it lacks, through the REST API, on a real Temporal server and
 * real MariaDB/MySQL, each domain worker on its own task queue and database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderSagaEndToEndTest {
  private static MallCluster mall;
  private static MallHttp http;

  /** A second API of the same mall, gate and all: flow 5 sells through both. */
  private static MallHttp secondApi;

  /**
   * An API whose stock gate is switched off, so that an order for a sold-out product reaches its
   * saga: the saga's own rejection and compensation (flow 2) are what this shows.
   */
  private static MallHttp sagaOnly;

  private static String token;
  private static long uid;
  private static Instant suiteStarted;

  /** The product of flows 1 and 2: stock 1. */
  private static long scarceProduct;

  @BeforeAll
  static void startMall() {
    suiteStarted = Instant.now().minusSeconds(1);
    mall = MallCluster.start();
    http = new MallHttp(mall.apiUrl());
    secondApi = new MallHttp(mall.startAnotherApi("api-2"));
    sagaOnly =
        new MallHttp(mall.startAnotherApi("api-no-gate", "mall.api.stock-admission.enabled=false"));
    token = http.registerAndLogin("13800000001");
    uid = http.post("/api/user/userinfo", token, Map.of()).body().get("id").asLong();
  }

  @AfterAll
  static void stopMall() {
    if (mall != null) {
      mall.close();
    }
  }

  @Test
  @Order(1)
  void orderTakesTheLastItem() {
    scarceProduct = http.createProduct(token, 1, 250);

    MallHttp.Reply reply =
        http.post("/api/order/create", token, Map.of("pid", scarceProduct, "num", 1));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    long orderId = reply.body().get("id").asLong();
    assertThat(stock(scarceProduct)).isZero();
    assertThat(orderStatus(orderId)).isEqualTo(0);
    assertThat(orderAmount(orderId)).isEqualTo(250);
    String gid = gidOf(orderId);
    assertThat(barrierRows("order", gid))
        .containsExactly(OrderContract.Activities.CREATE + "|action|action");
    WorkflowExecutionDescription saga = mall.temporal().newUntypedWorkflowStub(gid).describe();
    assertThat(saga.getMemo("uid", Long.class)).isEqualTo(uid);
    assertThat(saga.getMemo("pid", Long.class)).isEqualTo(scarceProduct);
    assertThat(saga.getMemo("num", Integer.class)).isEqualTo(1);
    assertThat(barrierRows("product", gid))
        .containsExactly(ProductContract.Activities.DECR_STOCK + "|action|action");

    MallHttp.Reply detail = http.post("/api/order/detail", token, Map.of("id", orderId));
    assertThat(detail.status()).isEqualTo(200);
    assertThat(detail.body().get("uid").asLong()).isEqualTo(uid);
    assertThat(detail.body().get("status").asInt()).isEqualTo(0);
  }

  @Test
  @Order(2)
  void orderWithoutStockIsTurnedAwayBeforeAnySaga() {
    Map<Integer, Long> before = ordersByStatus(scarceProduct);
    MallHttp.Reply reply =
        http.post("/api/order/create", token, Map.of("pid", scarceProduct, "num", 1));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
    assertThat(reply.body().get("type").asText()).endsWith("insufficient-stock");
    assertThat(reply.body().has("orderId")).isFalse();
    assertThat(ordersByStatus(scarceProduct)).as("no order row").isEqualTo(before);
  }

  @Test
  @Order(2)
  void orderWithoutStockThatReachesItsSagaIsRejectedAndCompensatedWithANullStockRevert() {
    MallHttp.Reply reply =
        sagaOnly.post("/api/order/create", token, Map.of("pid", scarceProduct, "num", 1));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
    assertThat(reply.body().get("type").asText()).endsWith("insufficient-stock");
    long orderId = reply.body().get("orderId").asLong();
    assertThat(orderStatus(orderId)).isEqualTo(9);
    assertThat(stock(scarceProduct)).isZero();
    String gid = gidOf(orderId);
    // decrStock rolled back with its barrier row; the revert then found no action row: it
    // inserted the origin row itself (reason compensate), so it was a null compensation.
    assertThat(barrierRows("product", gid))
        .containsExactlyInAnyOrder(
            ProductContract.Activities.DECR_STOCK + "|action|compensate",
            ProductContract.Activities.DECR_STOCK + "|compensate|compensate");
    assertThat(barrierRows("order", gid))
        .containsExactlyInAnyOrder(
            OrderContract.Activities.CREATE + "|action|action",
            OrderContract.Activities.CREATE + "|compensate|compensate");
    // What an operator types in the Web UI or `temporal workflow list --query`. Order ids restart
    // with every fresh test database while the dev server may be reused, hence the start bound.
    await()
        .atMost(java.time.Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        mall.temporal()
                            .listExecutions(
                                "SagaStatus = 'COMPENSATED' AND OrderId = "
                                    + orderId
                                    + " AND StartTime >= '"
                                    + suiteStarted
                                    + "'")
                            .map(execution -> execution.getExecution().getWorkflowId())
                            .toList())
                    .containsExactly(gid));
  }

  /**
   * On the real server, Update-with-Start against a closed execution fails with gRPC ALREADY_EXISTS
   * (not WorkflowExecutionAlreadyStarted, as on the in-process test server); found by the chaos
   * suite as a 503 on every retry of a rejected order.
   */
  @Test
  @Order(2)
  void aKeyedRetryOfARejectedOrderGetsTheSameAnswerAndWritesNothing() {
    Map<String, String> key = Map.of("Idempotency-Key", "e2e-rejected-" + System.nanoTime());
    MallHttp.Reply first =
        sagaOnly.post("/api/order/create", token, Map.of("pid", scarceProduct), key);
    assertThat(first.status()).as(first.toString()).isEqualTo(409);
    long orderId = first.body().get("orderId").asLong();
    Map<Integer, Long> before = ordersByStatus(scarceProduct);

    // through the gated API: sold out, but the key's order exists, so the retry gets its answer
    MallHttp.Reply retry = http.post("/api/order/create", token, Map.of("pid", scarceProduct), key);

    assertThat(retry.status()).as(retry.toString()).isEqualTo(409);
    assertThat(retry.body().get("type").asText()).endsWith("insufficient-stock");
    assertThat(retry.body().get("orderId").asLong()).isEqualTo(orderId);
    assertThat(ordersByStatus(scarceProduct)).isEqualTo(before);
  }

  @Test
  @Order(3)
  void faultAfterDecrStockCommitCompensatesEachStepExactlyOnce() {
    long product = http.createProduct(token, 100, 10);
    mall.restartProductWorker(DecrStockFault.NON_RETRYABLE_AFTER_COMMIT);
    try {
      MallHttp.Reply reply =
          http.post("/api/order/create", token, Map.of("pid", product, "num", 3));

      assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
      long orderId = reply.body().get("orderId").asLong();
      assertThat(orderStatus(orderId)).isEqualTo(9);
      assertThat(stock(product)).isEqualTo(100);
      String gid = gidOf(orderId);
      assertThat(barrierRows("product", gid))
          .containsExactlyInAnyOrder(
              ProductContract.Activities.DECR_STOCK + "|action|action",
              ProductContract.Activities.DECR_STOCK + "|compensate|compensate");
      assertThat(barrierRows("order", gid))
          .containsExactlyInAnyOrder(
              OrderContract.Activities.CREATE + "|action|action",
              OrderContract.Activities.CREATE + "|compensate|compensate");
    } finally {
      mall.restartProductWorker(DecrStockFault.NONE);
    }
  }

  @Test
  @Order(4)
  void lostAcknowledgementIsRetriedAndTheBarrierSkipsTheDuplicate() {
    long product = http.createProduct(token, 100, 10);
    mall.restartProductWorker(DecrStockFault.RETRYABLE_AFTER_COMMIT);
    try {
      MallHttp.Reply reply =
          http.post("/api/order/create", token, Map.of("pid", product, "num", 2));

      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      long orderId = reply.body().get("id").asLong();
      assertThat(orderStatus(orderId)).isEqualTo(0);
      assertThat(stock(product)).isEqualTo(98);
      String gid = gidOf(orderId);
      assertThat(barrierRows("product", gid))
          .containsExactly(ProductContract.Activities.DECR_STOCK + "|action|action");
      assertThat(decrStockAttempts(gid)).as("Temporal retried decrStock").isEqualTo(2);
    } finally {
      mall.restartProductWorker(DecrStockFault.NONE);
    }
  }

  @Test
  @Order(5)
  void twoHundredConcurrentOrdersThroughTwoApisSellExactlyTheStock() throws Exception {
    long product = http.createProduct(token, 50, 7);
    int orders = 200;
    ExecutorService buyers = Executors.newFixedThreadPool(orders);
    List<Future<Integer>> statuses = new ArrayList<>();
    long started = System.nanoTime();
    try {
      for (int i = 0; i < orders; i++) {
        int buyer = i;
        statuses.add(
            buyers.submit(
                () ->
                    (buyer % 2 == 0 ? http : secondApi)
                        .post("/api/order/create", token, Map.of("pid", product))
                        .status()));
      }
      int created = 0;
      int rejected = 0;
      for (Future<Integer> status : statuses) {
        int code = status.get(5, TimeUnit.MINUTES);
        if (code == 200) {
          created++;
        } else if (code == 409) {
          rejected++;
        }
      }
      System.out.printf(
          "e2e: %d concurrent orders for stock 50 took %d ms (200 OK: %d, 409: %d)%n",
          orders, (System.nanoTime() - started) / 1_000_000, created, rejected);
      assertThat(created).isEqualTo(50);
      assertThat(rejected).isEqualTo(150);
    } finally {
      buyers.shutdownNow();
    }
    assertThat(stock(product)).isZero();
    // Each API lets through at most what the stock it reads covers; a saga one of them let through
    // loses only to an item the other one sold, so at most one status-9 row per item sold.
    Map<Integer, Long> rows = ordersByStatus(product);
    assertThat(rows.get(0)).isEqualTo(50L);
    assertThat(rows.getOrDefault(9, 0L)).isLessThanOrEqualTo(50L);
    assertThat(rows.keySet()).isSubsetOf(0, 9);
    System.out.printf(
        "e2e: two APIs wrote %d order rows for 200 buyers of stock 50%n",
        rows.values().stream().mapToLong(Long::longValue).sum());
  }

  private static int stock(long product) {
    return mall.db("product")
        .queryForObject("select stock from products where id = ?", Integer.class, product);
  }

  private static int orderStatus(long orderId) {
    return mall.db("order")
        .queryForObject("select status from orders where id = ?", Integer.class, orderId);
  }

  private static long orderAmount(long orderId) {
    return mall.db("order")
        .queryForObject("select amount from orders where id = ?", Long.class, orderId);
  }

  private static String gidOf(long orderId) {
    return mall.db("order")
        .queryForObject("select gid from orders where id = ?", String.class, orderId);
  }

  private static Map<Integer, Long> ordersByStatus(long product) {
    Map<Integer, Long> counts = new java.util.HashMap<>();
    mall.db("order")
        .query(
            "select status, count(*) from orders where pid = ? group by status",
            rs -> {
              counts.put(rs.getInt(1), rs.getLong(2));
            },
            product);
    return counts;
  }

  /** "branch|op|reason" for each barrier row of a saga in a domain's database. */
  private static List<String> barrierRows(String domain, String gid) {
    return mall.db(domain)
        .queryForList(
            "select concat(branch_id, '|', op, '|', reason) from barrier where gid = ?",
            String.class,
            gid);
  }

  /** The attempt on which product.decrStock finally completed, from the saga's history. */
  private static int decrStockAttempts(String workflowId) {
    List<HistoryEvent> events = mall.temporal().fetchHistory(workflowId).getEvents();
    java.util.Set<Long> decrStockScheduled =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .filter(
                e ->
                    e.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals(ProductContract.Activities.DECR_STOCK))
            .map(HistoryEvent::getEventId)
            .collect(java.util.stream.Collectors.toSet());
    return events.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
        .map(HistoryEvent::getActivityTaskStartedEventAttributes)
        .filter(a -> decrStockScheduled.contains(a.getScheduledEventId()))
        .mapToInt(a -> a.getAttempt())
        .max()
        .orElse(0);
  }
}
