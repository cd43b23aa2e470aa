package com.temporalmall.workflows.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.temporalmall.workflows.rpc.DomainCallContract.CallId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The product contract's id functions. The wire values are spelled out here on purpose, and only
 * here and in the contract: running workflows and recorded histories depend on them.
 */
class ProductContractTest {

  @Test
  void namesOnTheWireStayAsTheyWere() {
    assertThat(ProductContract.TASK_QUEUE).isEqualTo("product");
    assertThat(ProductContract.Activities.CREATE).isEqualTo("product.create");
    assertThat(ProductContract.callWorkflowId(ProductContract.Activities.CREATE, "u7-k"))
        .isEqualTo("product.create-u7-k");
  }

  @ParameterizedTest
  @ValueSource(strings = {"5f0c2a4e-8f43-4a8e-9a55-0d4c3f1b2e77", "u42-key-7", "x"})
  void aCallWorkflowIdRoundTrips(String requestId) {
    for (String activity : ProductContract.Activities.ALL) {
      String workflowId = ProductContract.callWorkflowId(activity, requestId);

      assertThat(ProductContract.parseCallWorkflowId(workflowId))
          .isEqualTo(new CallId(activity, requestId));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "product.create",
        "product.create-",
        "-x",
        "pay.create-x",
        "order-x",
        "product-x"
      })
  void aMalformedCallWorkflowIdIsRefused(String workflowId) {
    assertThatThrownBy(() -> ProductContract.parseCallWorkflowId(workflowId))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anotherDomainsActivityGetsNoCallId() {
    assertThatThrownBy(() -> ProductContract.callWorkflowId("pay.create", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
