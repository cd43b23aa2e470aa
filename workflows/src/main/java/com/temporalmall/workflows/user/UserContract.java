package com.temporalmall.workflows.user;

/**
 * The user domain's Temporal contract: its task queue, workflow type, activity name and workflow
 * ids. The API asks for a registration through {@link UserWrites.Register}, which takes {@link
 * NewUser} and returns {@link UserView}; reads go to the user database directly.
 */
public final class UserContract {
  /** Served only by the user worker, which alone holds the user database's credentials. */
  public static final String TASK_QUEUE = "user";

  private UserContract() {}

  /** Workflow types of {@link UserWrites}. */
  public static final class Workflows {
    public static final String REGISTER = "UserRegister";

    private Workflows() {}
  }

  /** Activity names of {@link UserActivities}; each is also its barrier branch. */
  public static final class Activities {
    public static final String REGISTER = "user.register";

    private Activities() {}
  }

  /** {@code user.register-<requestId>}: the id of a {@link UserWrites.Register} workflow. */
  public static String registerWorkflowId(String requestId) {
    return Activities.REGISTER + "-" + requestId;
  }
}
