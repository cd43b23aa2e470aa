package com.temporalmall.workflows.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.temporalmall.workflows.rpc.DomainCallContract.CallId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The user contract's id functions. The wire values are spelled out here on purpose, and only here
 * and in the contract: running workflows and recorded histories depend on them.
 */
class UserContractTest {

  @Test
  void namesOnTheWireStayAsTheyWere() {
    assertThat(UserContract.TASK_QUEUE).isEqualTo("user");
    assertThat(UserContract.Activities.REGISTER).isEqualTo("user.register");
    assertThat(UserContract.callWorkflowId(UserContract.Activities.REGISTER, "u7-k"))
        .isEqualTo("user.register-u7-k");
  }

  @ParameterizedTest
  @ValueSource(strings = {"5f0c2a4e-8f43-4a8e-9a55-0d4c3f1b2e77", "u42-key-7", "x"})
  void aCallWorkflowIdRoundTrips(String requestId) {
    for (String activity : UserContract.Activities.ALL) {
      String workflowId = UserContract.callWorkflowId(activity, requestId);

      assertThat(UserContract.parseCallWorkflowId(workflowId))
          .isEqualTo(new CallId(activity, requestId));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "user.register",
        "user.register-",
        "-x",
        "product.create-x",
        "order-x",
        "user-x"
      })
  void aMalformedCallWorkflowIdIsRefused(String workflowId) {
    assertThatThrownBy(() -> UserContract.parseCallWorkflowId(workflowId))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anotherDomainsActivityGetsNoCallId() {
    assertThatThrownBy(() -> UserContract.callWorkflowId("product.create", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
