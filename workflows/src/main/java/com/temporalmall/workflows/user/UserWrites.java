package com.temporalmall.workflows.user;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The user domain's single-step writes, one typed workflow each, asked for by the API (which holds
 * no write credentials). They run on {@value UserContract#TASK_QUEUE}, in the worker that owns the
 * user database, and run their one activity there as a local activity (see {@link
 * com.temporalmall.workflows.WriteSteps}); the workflow id, built by {@link UserContract}, comes
 * from the client's Idempotency-Key or a fresh UUID, so a retried request never writes twice. The
 * activity's business failure (e.g. NotFound) is the workflow's failure.
 */
public final class UserWrites {
  private UserWrites() {}

  /**
   * Registers a user; a mobile already taken is a {@code Conflict}.
   *
   * <p>Steps and what compensates each: {@code user.register}, run locally - none: a single-step
   * write, made idempotent by its barrier row (gid = this workflow's id).
   */
  @WorkflowInterface
  public interface Register {
    @WorkflowMethod(name = UserContract.Workflows.REGISTER)
    UserView register(NewUser user);
  }
}
