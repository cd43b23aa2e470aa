package com.temporalmall.workflows.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.temporalmall.workflows.rpc.DomainCallContract.CallId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pay contract's id functions. The wire values are spelled out here on purpose, and only here
 * and in the contract: running workflows and recorded histories depend on them.
 */
class PayContractTest {

  @Test
  void namesOnTheWireStayAsTheyWere() {
    assertThat(PayContract.TASK_QUEUE).isEqualTo("pay");
    assertThat(PayContract.Activities.FLAG_REFUND).isEqualTo("pay.flagRefund");
    assertThat(PayContract.callWorkflowId(PayContract.Activities.FLAG_REFUND, "u7-k"))
        .isEqualTo("pay.flagRefund-u7-k");
  }

  @ParameterizedTest
  @ValueSource(strings = {"5f0c2a4e-8f43-4a8e-9a55-0d4c3f1b2e77", "u42-key-7", "x"})
  void aCallWorkflowIdRoundTrips(String requestId) {
    for (String activity : PayContract.Activities.ALL) {
      String workflowId = PayContract.callWorkflowId(activity, requestId);

      assertThat(PayContract.parseCallWorkflowId(workflowId))
          .isEqualTo(new CallId(activity, requestId));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "pay.flagRefund", "pay.flagRefund-", "-x", "user.info-x", "order-x", "pay-x"})
  void aMalformedCallWorkflowIdIsRefused(String workflowId) {
    assertThatThrownBy(() -> PayContract.parseCallWorkflowId(workflowId))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anotherDomainsActivityGetsNoCallId() {
    assertThatThrownBy(() -> PayContract.callWorkflowId("user.info", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
