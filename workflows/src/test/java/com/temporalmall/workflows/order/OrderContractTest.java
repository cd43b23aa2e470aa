package com.temporalmall.workflows.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The order contract's names and id functions. The wire values are spelled out here on purpose, and
 * only here and in the contract: running workflows and recorded histories depend on them.
 */
class OrderContractTest {

  @Test
  void namesOnTheWireStayAsTheyAre() {
    assertThat(OrderContract.TASK_QUEUE).isEqualTo("order");
    assertThat(OrderContract.Workflows.ORDER_SAGA).isEqualTo("OrderSaga");
    assertThat(OrderContract.Workflows.REMOVE).isEqualTo("OrderRemove");
    assertThat(OrderContract.Updates.PLACEMENT).isEqualTo("placement");
    assertThat(OrderContract.Activities.CREATE).isEqualTo("order.create");
    assertThat(OrderContract.Activities.REMOVE).isEqualTo("order.remove");
  }

  @Test
  void workflowIds() {
    assertThat(OrderContract.workflowId("u7-cart-1")).isEqualTo("order-u7-cart-1");
    assertThat(OrderContract.removeWorkflowId("u7-k")).isEqualTo("order.remove-u7-k");
  }
}
