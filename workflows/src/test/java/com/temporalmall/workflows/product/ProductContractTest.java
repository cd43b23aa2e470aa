package com.temporalmall.workflows.product;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The product contract's names and id functions. The wire values are spelled out here on purpose,
 * and only here and in the contract: running workflows and recorded histories depend on them.
 */
class ProductContractTest {

  @Test
  void namesOnTheWireStayAsTheyAre() {
    assertThat(ProductContract.TASK_QUEUE).isEqualTo("product");
    assertThat(ProductContract.Workflows.CREATE).isEqualTo("ProductCreate");
    assertThat(ProductContract.Workflows.UPDATE).isEqualTo("ProductUpdate");
    assertThat(ProductContract.Workflows.REMOVE).isEqualTo("ProductRemove");
    assertThat(ProductContract.Activities.DECR_STOCK).isEqualTo("product.decrStock");
  }

  @Test
  void workflowIds() {
    assertThat(ProductContract.createWorkflowId("u7-k")).isEqualTo("product.create-u7-k");
    assertThat(ProductContract.updateWorkflowId("u7-k")).isEqualTo("product.update-u7-k");
    assertThat(ProductContract.removeWorkflowId("u7-k")).isEqualTo("product.remove-u7-k");
  }
}
