package com.temporalmall.workflows.user;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Activities of the user domain, served on task queue {@code user}. */
@ActivityInterface
public interface UserActivities {

  /**
   * Inserts the user (barrier-protected; gid = the calling workflow id). A duplicate mobile is a
   * {@code Conflict}. A retried call returns the user it created.
   */
  @ActivityMethod(name = UserContract.Activities.REGISTER)
  UserView register(NewUser user);

  /** The id and password hash for a mobile; {@code NotFound} if there is none. */
  @ActivityMethod(name = UserContract.Activities.CREDENTIALS)
  UserCredentials credentials(String mobile);

  /** {@code NotFound} if there is no such user. */
  @ActivityMethod(name = UserContract.Activities.INFO)
  UserView info(long id);
}
