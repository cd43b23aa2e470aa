package com.temporalmall.workflows.user;

import com.temporalmall.workflows.WriteSteps;
import io.temporal.workflow.Workflow;

/** Each write runs its one user activity locally: one workflow task, no activity task. */
public class UserWritesImpl implements UserWrites.Register {
  private final UserActivities users =
      Workflow.newLocalActivityStub(UserActivities.class, WriteSteps.LOCAL);

  @Override
  public UserView register(NewUser user) {
    return users.register(user);
  }
}
