package com.temporalmall.workflows.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The user contract's names and id function. The wire values are spelled out here on purpose, and
 * only here and in the contract: running workflows and recorded histories depend on them.
 */
class UserContractTest {

  @Test
  void namesOnTheWireStayAsTheyAre() {
    assertThat(UserContract.TASK_QUEUE).isEqualTo("user");
    assertThat(UserContract.Workflows.REGISTER).isEqualTo("UserRegister");
    assertThat(UserContract.Activities.REGISTER).isEqualTo("user.register");
  }

  @Test
  void workflowId() {
    assertThat(UserContract.registerWorkflowId("u7-k")).isEqualTo("user.register-u7-k");
  }
}
