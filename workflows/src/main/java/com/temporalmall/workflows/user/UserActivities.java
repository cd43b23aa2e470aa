package com.temporalmall.workflows.user;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Activities of the user domain, served on task queue {@value UserContract#TASK_QUEUE} by the user
 * worker; the API runs each as a DomainCall workflow.
 */
@ActivityInterface
public interface UserActivities {

  /**
   * Inserts the user. A duplicate mobile is a {@code Conflict}. A retried call returns the user it
   * created.
   *
   * <p>Idempotency key: barrier (gid = the DomainCall workflow id, branch {@value
   * UserContract.Activities#REGISTER}, op {@code action}), plus the user table's unique mobile.
   * Compensation: none - a single-step write.
   */
  @ActivityMethod(name = UserContract.Activities.REGISTER)
  UserView register(NewUser user);

  /**
   * The id and password hash for a mobile; {@code NotFound} if there is none.
   *
   * <p>Idempotency key: none needed, a read. Compensation: none, a read.
   */
  @ActivityMethod(name = UserContract.Activities.CREDENTIALS)
  UserCredentials credentials(String mobile);

  /**
   * {@code NotFound} if there is no such user.
   *
   * <p>Idempotency key: none needed, a read. Compensation: none, a read.
   */
  @ActivityMethod(name = UserContract.Activities.INFO)
  UserView info(long id);
}
