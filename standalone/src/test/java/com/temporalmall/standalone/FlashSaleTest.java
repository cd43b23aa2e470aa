package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The gate before the saga, on the embedded default: a burst sells exactly the stock, the buyers
 * turned away get 409 without an order, the gate reopens when stock comes back, and keyed retries
 * get the answer their first request got.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FlashSaleTest {
  @Autowired TestRestTemplate rest;

  @Test
  void aBurstSellsTheStockAndTurnsTheRestAwayWithoutOrders() throws Exception {
    MallClient shop = MallClient.signUp(rest, "shop", "13700000101");
    MallClient buyer = MallClient.signUp(rest, "buyer", "13700000102");
    long pid =
        shop.id(
            "/api/product/create",
            Map.of("name", "console", "stock", 5, "amount", 100, "status", 1));

    List<ResponseEntity<JsonNode>> answers;
    try (ExecutorService buyers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ResponseEntity<JsonNode>>> sent =
          java.util.stream.IntStream.range(0, 60)
              .mapToObj(
                  i -> buyers.submit(() -> buyer.post("/api/order/create", Map.of("pid", pid))))
              .toList();
      answers = new java.util.ArrayList<>();
      for (Future<ResponseEntity<JsonNode>> answer : sent) {
        answers.add(answer.get(3, TimeUnit.MINUTES));
      }
    }

    assertThat(answers)
        .filteredOn(answer -> answer.getStatusCode().value() == 200)
        .as("exactly the stock is sold")
        .hasSize(5);
    List<ResponseEntity<JsonNode>> refused =
        answers.stream().filter(answer -> answer.getStatusCode().value() != 200).toList();
    assertThat(refused).hasSize(55);
    assertThat(refused)
        .allSatisfy(
            answer -> {
              assertThat(answer.getStatusCode().value()).isEqualTo(409);
              assertThat(answer.getBody().get("type").asString()).endsWith("/insufficient-stock");
              assertThat(answer.getBody().has("orderId")).as("no order was written").isFalse();
            });
    assertThat(buyer.ok("/api/product/detail", Map.of("id", pid)).get("stock").asInt()).isZero();
    assertThat(buyer.ok("/api/order/list", Map.of()).size())
        .as("one API instance lets through no more than the stock: no saga lost, no status 9 row")
        .isEqualTo(5);
  }

  @Test
  void theGateReopensWhenStockComesBackAndKeyedRetriesGetTheirFirstAnswer() {
    MallClient shop = MallClient.signUp(rest, "shop2", "13700000103");
    long pid =
        shop.id(
            "/api/product/create", Map.of("name", "lamp", "stock", 1, "amount", 40, "status", 1));

    ResponseEntity<JsonNode> placed = keyed(shop, pid, "lamp-1");
    assertThat(placed.getStatusCode().value()).isEqualTo(200);
    ResponseEntity<JsonNode> turnedAway = keyed(shop, pid, "lamp-2");
    assertThat(turnedAway.getStatusCode().value()).isEqualTo(409);

    assertThat(keyed(shop, pid, "lamp-1").getBody().get("id"))
        .as("the placed order's retry, though the product is sold out")
        .isEqualTo(placed.getBody().get("id"));
    assertThat(keyed(shop, pid, "lamp-2").getStatusCode().value())
        .as("the turned-away request's retry, still sold out")
        .isEqualTo(409);

    shop.ok(
        "/api/product/update",
        Map.of("id", pid, "name", "lamp", "stock", 1, "amount", 40, "status", 1));
    assertThat(keyed(shop, pid, "lamp-3").getStatusCode().value())
        .as("stock is back: the next request is let through")
        .isEqualTo(200);
  }

  private static ResponseEntity<JsonNode> keyed(MallClient client, long pid, String key) {
    return client.post("/api/order/create", Map.of("pid", pid), key);
  }
}
