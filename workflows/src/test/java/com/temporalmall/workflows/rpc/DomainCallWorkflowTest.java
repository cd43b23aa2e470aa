package com.temporalmall.workflows.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.temporalmall.api.user.UserCredentials;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.user.NewUser;
import com.temporalmall.workflows.user.UserActivities;
import com.temporalmall.workflows.user.UserContract;
import com.temporalmall.workflows.user.UserView;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DomainCallWorkflowTest {
  private static final ObjectMapper JSON = JacksonJsonPayloadConverter.newDefaultObjectMapper();

  private TestWorkflowEnvironment env;

  /** A user domain that knows user 1 only. */
  static class OneUser implements UserActivities {
    @Override
    public UserView register(NewUser user) {
      return new UserView(2, user.name(), user.gender(), user.mobile());
    }

    @Override
    public UserCredentials credentials(String mobile) {
      throw MallFailures.notFound("no user with mobile " + mobile);
    }

    @Override
    public UserView info(long id) {
      if (id != 1) {
        throw MallFailures.notFound("user " + id + " does not exist");
      }
      return new UserView(1, "alice", 2, "13900000000");
    }
  }

  @BeforeEach
  void startTestServer() {
    env = TestWorkflowEnvironment.newInstance();
    env.newWorker(DomainCallContract.TASK_QUEUE)
        .registerWorkflowImplementationTypes(DomainCallWorkflowImpl.class);
    env.newWorker(UserContract.TASK_QUEUE).registerActivitiesImplementations(new OneUser());
    env.start();
  }

  @AfterEach
  void stopTestServer() {
    env.close();
  }

  private JsonNode call(String activity, Object... args) {
    DomainCallWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                DomainCallWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(DomainCallContract.workflowId(activity, "test"))
                    .setTaskQueue(DomainCallContract.TASK_QUEUE)
                    .build());
    List<JsonNode> json =
        java.util.Arrays.stream(args).map(arg -> (JsonNode) JSON.valueToTree(arg)).toList();
    return workflow.call(new DomainCall(UserContract.TASK_QUEUE, activity, json));
  }

  @Test
  void returnsTheActivityResultAsJson() throws Exception {
    JsonNode result =
        call(
            UserContract.Activities.REGISTER,
            new NewUser("gid-1", "bob", 1, "13700000000", "hash"));

    assertThat(JSON.treeToValue(result, UserView.class))
        .isEqualTo(new UserView(2, "bob", 1, "13700000000"));
  }

  @Test
  void theActivitysBusinessFailureIsTheWorkflowsFailure() {
    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> call(UserContract.Activities.INFO, 99L));

    Throwable cause = failed.getCause();
    while (!(cause instanceof ApplicationFailure)) {
      cause = cause.getCause();
    }
    assertThat(((ApplicationFailure) cause).getType()).isEqualTo(MallFailures.NOT_FOUND);
    assertThat(((ApplicationFailure) cause).getOriginalMessage())
        .isEqualTo("user 99 does not exist");
  }
}
