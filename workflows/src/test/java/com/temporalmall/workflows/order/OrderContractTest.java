package com.temporalmall.workflows.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.temporalmall.workflows.rpc.DomainCallContract.CallId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The order contract's id functions. The wire values are spelled out here on purpose, and only here
 * and in the contract: running workflows and recorded histories depend on them.
 */
class OrderContractTest {

  @Test
  void namesOnTheWireStayAsTheyWere() {
    assertThat(OrderContract.TASK_QUEUE).isEqualTo("order");
    assertThat(OrderContract.LEGACY_TASK_QUEUE).isEqualTo("workflows");
    assertThat(OrderContract.Workflows.ORDER).isEqualTo("Order");
    assertThat(OrderContract.Workflows.ORDER_SAGA).isEqualTo("OrderSaga");
    assertThat(OrderContract.Workflows.ORDER_LIFECYCLE).isEqualTo("OrderLifecycle");
    assertThat(OrderContract.workflowId("u7-cart-1")).isEqualTo("order-u7-cart-1");
    assertThat(OrderContract.sagaWorkflowId("abc")).isEqualTo("order-saga-abc");
    assertThat(OrderContract.lifecycleWorkflowId("order-saga-abc"))
        .isEqualTo("order-lifecycle-abc");
    assertThat(OrderContract.callWorkflowId(OrderContract.Activities.REMOVE, "r1"))
        .isEqualTo("order.remove-r1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"5f0c2a4e-8f43-4a8e-9a55-0d4c3f1b2e77", "u42-cart-7", "u1-a.b:c_d-e"})
  void anOrderWorkflowIdRoundTrips(String requestId) {
    String workflowId = OrderContract.workflowId(requestId);

    assertThat(OrderContract.requestId(workflowId)).isEqualTo(requestId);
    assertThat(OrderContract.isLegacySaga(workflowId)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "order-",
        "order-saga-abc",
        "order-lifecycle-abc",
        "Order-abc",
        "u42-cart-7",
        "product.detail-abc"
      })
  void aMalformedOrderWorkflowIdIsRefused(String workflowId) {
    assertThatThrownBy(() -> OrderContract.requestId(workflowId))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lifecycleAndSagaIdsAreNotOrderWorkflowIds() {
    String saga = OrderContract.sagaWorkflowId("abc");

    assertThat(OrderContract.isLegacySaga(saga)).isTrue();
    assertThatThrownBy(() -> OrderContract.requestId(OrderContract.lifecycleWorkflowId(saga)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OrderContract.requestId(OrderContract.WORKFLOW_ID_PREFIX))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLifecycleIdIsDerivedFromItsSagaWithOrWithoutThePrefix() {
    assertThat(OrderContract.lifecycleWorkflowId(OrderContract.sagaWorkflowId("abc")))
        .isEqualTo(OrderContract.lifecycleWorkflowId("abc"));
  }

  @Test
  void aDomainCallIdRoundTripsAndRefusesOtherDomains() {
    String workflowId = OrderContract.callWorkflowId(OrderContract.Activities.REMOVE, "u1-k-1");

    assertThat(OrderContract.parseCallWorkflowId(workflowId))
        .isEqualTo(new CallId(OrderContract.Activities.REMOVE, "u1-k-1"));
    assertThatThrownBy(() -> OrderContract.callWorkflowId("product.remove", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OrderContract.parseCallWorkflowId("product.remove-x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> OrderContract.parseCallWorkflowId(OrderContract.Activities.REMOVE + "-"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OrderContract.parseCallWorkflowId(OrderContract.Activities.REMOVE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
