package com.temporalmall.workflows.user;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Activities of the user domain, served on task queue {@value UserContract#TASK_QUEUE} by the user
 * worker; the API asks for each write through {@link UserWrites}.
 */
@ActivityInterface
public interface UserActivities {

  /**
   * Inserts the user. A duplicate mobile is a {@code Conflict}. A retried call returns the user it
   * created.
   *
   * <p>Idempotency key: barrier (gid = the {@link UserWrites.Register} workflow id, branch {@value
   * UserContract.Activities#REGISTER}, op {@code action}), plus the user table's unique mobile.
   * Compensation: none - a single-step write.
   */
  @ActivityMethod(name = UserContract.Activities.REGISTER)
  UserView register(NewUser user);
}
