package com.temporalmall.activities.user;

import static com.temporalmall.workflows.user.UserContract.Activities.REGISTER;

import com.temporalmall.activities.DuplicateKeys;
import com.temporalmall.activities.barrier.BarrierKey;
import com.temporalmall.activities.barrier.BarrierOutcome;
import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.user.NewUser;
import com.temporalmall.workflows.user.UserActivities;
import com.temporalmall.workflows.user.UserView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class UserActivitiesImpl implements UserActivities {
  private static final Logger log = LoggerFactory.getLogger(UserActivitiesImpl.class);

  private final UserRepository users;
  private final SubTransactionBarrier barrier;

  UserActivitiesImpl(UserRepository users, SubTransactionBarrier barrier) {
    this.users = users;
    this.barrier = barrier;
  }

  @Override
  public UserView register(NewUser user) {
    BarrierOutcome outcome;
    try {
      outcome =
          barrier.action(
              BarrierKey.workflow(user.gid(), REGISTER),
              () -> {
                if (users.findByMobile(user.mobile()).isPresent()) {
                  throw mobileTaken(user.mobile());
                }
                users.save(
                    new User(null, user.name(), user.gender(), user.mobile(), user.passwordHash()));
              });
    } catch (RuntimeException failure) {
      // A concurrent register of the same mobile passed the pre-check too; the unique key decides.
      throw DuplicateKeys.isDuplicateKey(failure) ? mobileTaken(user.mobile()) : failure;
    }
    log.info("barrier {} {} action: {}", user.gid(), REGISTER, outcome);
    return users.findByMobile(user.mobile()).orElseThrow().view();
  }

  private static RuntimeException mobileTaken(String mobile) {
    return MallFailures.conflict("mobile " + mobile + " is already registered");
  }
}
