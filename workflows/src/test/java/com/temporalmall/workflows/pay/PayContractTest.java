package com.temporalmall.workflows.pay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The pay contract's names and id function. The wire values are spelled out here on purpose, and
 * only here and in the contract: running workflows and recorded histories depend on them.
 */
class PayContractTest {

  @Test
  void namesOnTheWireStayAsTheyAre() {
    assertThat(PayContract.TASK_QUEUE).isEqualTo("pay");
    assertThat(PayContract.Workflows.FLAG_REFUND).isEqualTo("PayFlagRefund");
    assertThat(PayContract.Activities.FLAG_REFUND).isEqualTo("pay.flagRefund");
    assertThat(PayContract.Activities.REFUND).isEqualTo("pay.refund");
  }

  @Test
  void workflowId() {
    assertThat(PayContract.flagRefundWorkflowId("u7-k")).isEqualTo("pay.flagRefund-u7-k");
  }
}
