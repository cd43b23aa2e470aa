package com.temporalmall.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkChaosTest {
  private static final Map<String, String> INHERITED =
      Map.of(
          "MALL_DB_ORDER_URL", "jdbc:mysql://127.0.0.1:3317/mall_order?sslMode=DISABLED",
          "MALL_DB_PRODUCT_URL", "jdbc:mysql://127.0.0.1:3317/mall_product");

  @Test
  void aJdbcUrlGoesThroughTheProxyWithItsDatabaseAndParametersKept() {
    assertThat(NetworkChaos.viaProxy("jdbc:mysql://127.0.0.1:3317/mall_order?a=b", 21401))
        .isEqualTo("jdbc:mysql://127.0.0.1:21401/mall_order?a=b");
    assertThat(NetworkChaos.viaProxy("jdbc:mariadb://db.example:3306/x", 21402))
        .isEqualTo("jdbc:mariadb://127.0.0.1:21402/x");
    assertThat(NetworkChaos.authority("jdbc:mysql://127.0.0.1:3317/")).isEqualTo("127.0.0.1:3317");
    assertThatThrownBy(() -> NetworkChaos.viaProxy("mysql://nowhere", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aWorkerReachesTemporalAndItsOwnDatabaseEachThroughAProxyOfItsOwn() {
    List<NetworkChaos.Link> links = new ArrayList<>();
    Map<String, String> routed =
        NetworkChaos.route(
            "order-worker", Map.of("MALL_DOMAINS", "order"), INHERITED, 21400, links);

    assertThat(links)
        .containsExactly(
            new NetworkChaos.Link("order-worker", NetworkChaos.Dependency.TEMPORAL, 21400),
            new NetworkChaos.Link("order-worker", NetworkChaos.Dependency.MARIADB, 21401));
    assertThat(routed)
        .containsEntry("MALL_DOMAINS", "order")
        .containsEntry("TEMPORAL_ADDRESS", "127.0.0.1:21400")
        .containsEntry(
            "MALL_DB_ORDER_URL", "jdbc:mysql://127.0.0.1:21401/mall_order?sslMode=DISABLED")
        .doesNotContainKey("MALL_DB_PRODUCT_URL");
    assertThat(links.getLast().name()).isEqualTo("order-worker-mariadb");
  }

  @Test
  void theApiReachesOnlyTemporalThroughAProxyAndAWorkerWithoutItsUrlFails() {
    List<NetworkChaos.Link> links = new ArrayList<>();
    Map<String, String> routed = NetworkChaos.route("api", Map.of(), INHERITED, 21409, links);

    assertThat(links)
        .containsExactly(new NetworkChaos.Link("api", NetworkChaos.Dependency.TEMPORAL, 21409));
    assertThat(routed).containsOnlyKeys("TEMPORAL_ADDRESS");
    assertThatThrownBy(
            () ->
                NetworkChaos.route(
                    "pay-worker", Map.of("MALL_DOMAINS", "pay"), INHERITED, 21400, links))
        .hasMessageContaining("MALL_DB_PAY_URL");
  }

  @Test
  void databaseFaultsHitTheWorkersTemporalFaultsEveryProcess() {
    NetworkChaos.Scenario db = NetworkChaos.scenario("net-db-blackhole");
    NetworkChaos.Scenario temporal = NetworkChaos.scenario("net-temporal-blackhole");

    assertThat(db.hits("product-worker")).isTrue();
    assertThat(db.hits("api")).isFalse();
    assertThat(temporal.hits("api")).isTrue();
    assertThat(temporal.hits("pay-worker")).isTrue();
    assertThat(db.describe())
        .isEqualTo(
            "blackhole (connections open, nothing through) between each worker and MariaDB for 20 s");
  }

  @Test
  void theIssueTargetsRunAtItsSizeAndEveryFaultKindRunsAtLeastOnce() {
    for (String target :
        List.of(
            "net-db-latency",
            "net-db-blackhole",
            "net-temporal-latency",
            "net-temporal-blackhole")) {
      NetworkChaos.Scenario scenario = NetworkChaos.scenario(target);
      assertThat(scenario.orders()).isEqualTo(1000);
      assertThat(scenario.stock()).isEqualTo(600);
    }
    assertThat(NetworkChaos.scenario("net-db-latency").lasting()).isEqualTo(Duration.ofSeconds(30));
    assertThat(NetworkChaos.scenario("net-temporal-blackhole").lasting())
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(NetworkChaos.SCENARIOS)
        .extracting(NetworkChaos.Scenario::fault)
        .containsAll(List.of(NetworkChaos.Fault.values()));
    assertThat(NetworkChaos.SCENARIOS).allMatch(s -> NetworkChaos.isNetwork(s.name()));
    assertThatThrownBy(() -> NetworkChaos.scenario("net-nothing"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aResizedScenarioKeepsItsStockInProportion() {
    NetworkChaos.Scenario small = NetworkChaos.scenario("net-db-latency").resized(100);

    assertThat(small.orders()).isEqualTo(100);
    assertThat(small.stock()).isEqualTo(60);
    assertThat(small.lasting()).isEqualTo(Duration.ofSeconds(30));
  }
}
