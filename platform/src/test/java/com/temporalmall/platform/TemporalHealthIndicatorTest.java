package com.temporalmall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class TemporalHealthIndicatorTest {
  @Test
  void upWhenTheFrontendServes() {
    try (TestWorkflowEnvironment server = TestWorkflowEnvironment.newInstance()) {
      assertThat(new TemporalHealthIndicator(server.getWorkflowServiceStubs()).health().getStatus())
          .isEqualTo(Status.UP);
    }
  }

  @Test
  void downWhenNothingAnswers() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    WorkflowServiceStubs nowhere =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + closedPort).build());
    try {
      assertThat(new TemporalHealthIndicator(nowhere).health().getStatus()).isEqualTo(Status.DOWN);
    } finally {
      nowhere.shutdownNow();
    }
  }
}
