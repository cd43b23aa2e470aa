package com.temporalmall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CarefulClientTest {
  @Test
  void answersBelow500AndACompensatedSagaAreFinal() {
    assertThat(CarefulClient.isFinal(200, null)).isTrue();
    assertThat(CarefulClient.isFinal(409, "insufficient-stock")).isTrue();
    assertThat(CarefulClient.isFinal(404, "not-found")).isTrue();
    assertThat(CarefulClient.isFinal(503, "order-compensated")).isTrue();
  }

  @Test
  void unavailableTimedOutAndUnexpected5xxAreRetried() {
    assertThat(CarefulClient.isFinal(503, "temporal-unavailable")).isFalse();
    assertThat(CarefulClient.isFinal(503, "database-unavailable")).isFalse();
    assertThat(CarefulClient.isFinal(504, "timed-out")).isFalse();
    assertThat(CarefulClient.isFinal(500, null)).isFalse();
    assertThat(CarefulClient.isFinal(502, "workflow-failed")).isFalse();
  }

  @Test
  void theProblemTypeIsTheLastSegmentOfItsUri() {
    assertThat(
            CarefulClient.problemType(
                "{\"type\":\"https://temporal-mall.dev/problems/order-compensated\",\"status\":503}"))
        .isEqualTo("order-compensated");
    assertThat(CarefulClient.problemType("{\"id\":7}")).isNull();
    assertThat(CarefulClient.problemType("<html>Bad Gateway</html>")).isNull();
  }
}
