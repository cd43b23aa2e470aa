package com.temporalmall.workflows.user;

import com.temporalmall.workflows.rpc.DomainCallContract;
import java.util.Set;

/**
 * The user domain's Temporal contract: its task queue, its activity names and its workflow ids. The
 * user domain has no workflow of its own: the API runs each activity as a {@link
 * com.temporalmall.workflows.rpc.DomainCallWorkflow}, whose id {@link #callWorkflowId} builds.
 *
 * <p>Payloads: {@link UserActivities#register} takes {@link NewUser} and returns {@link UserView};
 * {@link UserActivities#credentials} takes a mobile and returns {@link UserCredentials}; {@link
 * UserActivities#info} takes a user id and returns {@link UserView}.
 */
public final class UserContract {
  /** Served only by the user worker, which alone holds the user database's credentials. */
  public static final String TASK_QUEUE = "user";

  private UserContract() {}

  /** Activity names of {@link UserActivities}; each is also its barrier branch. */
  public static final class Activities {
    public static final String REGISTER = "user.register";
    public static final String CREDENTIALS = "user.credentials";
    public static final String INFO = "user.info";

    /** Every activity name above. */
    public static final Set<String> ALL = Set.of(REGISTER, CREDENTIALS, INFO);

    private Activities() {}
  }

  /**
   * The id of the DomainCall workflow running user activity {@code activity} for {@code requestId},
   * e.g. {@code user.register-<uuid>}.
   *
   * @throws IllegalArgumentException if {@code activity} is not a user activity
   */
  public static String callWorkflowId(String activity, String requestId) {
    return DomainCallContract.workflowId(activity, requestId, Activities.ALL);
  }

  /**
   * The activity and request id back from {@link #callWorkflowId}.
   *
   * @throws IllegalArgumentException for an id that is not a call of a user activity
   */
  public static DomainCallContract.CallId parseCallWorkflowId(String workflowId) {
    return DomainCallContract.parse(workflowId, Activities.ALL);
  }
}
