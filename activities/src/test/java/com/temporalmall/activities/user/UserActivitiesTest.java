package com.temporalmall.activities.user;

import static com.temporalmall.activities.ActivityTesting.failureType;
import static com.temporalmall.activities.ActivityTesting.race;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.temporalmall.activities.ActivityTesting;
import com.temporalmall.activities.testsupport.DomainExtension;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.user.NewUser;
import com.temporalmall.workflows.user.UserActivities;
import com.temporalmall.workflows.user.UserView;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UserActivitiesTest {
  @RegisterExtension static final DomainExtension DOMAIN = new DomainExtension("user");

  @RegisterExtension final ActivityTesting activities = new ActivityTesting();
  private final UserRepository repository = DOMAIN.bean(UserRepository.class);
  private UserActivities users;

  @BeforeEach
  void stub() {
    users = activities.stub(UserActivities.class, DOMAIN.bean(UserActivities.class));
  }

  @Test
  void registersOnceAndKeepsOnlyTheHash() {
    NewUser alice = new NewUser("register-1", "alice", 2, "13900000001", "$2a$10$hash");

    UserView created = users.register(alice);

    assertThat(users.register(alice)).as("a retried register").isEqualTo(created);
    User stored = repository.findById(created.id()).orElseThrow();
    assertThat(stored.mobile()).isEqualTo("13900000001");
    assertThat(stored.password()).isEqualTo("$2a$10$hash");
  }

  @Test
  void aTakenMobileIsAConflict() {
    users.register(new NewUser("register-2", "bob", 1, "13900000002", "h"));

    Throwable failure =
        catchThrowable(
            () -> users.register(new NewUser("register-3", "eve", 1, "13900000002", "h")));

    assertThat(failureType(failure)).isEqualTo(MallFailures.CONFLICT);
  }

  @Test
  void racingRegistrationsOfOneMobileLeaveOneUserAndConflicts() throws Exception {
    // Without the race the pre-check would catch every duplicate, never the unique key.
    UserActivities direct = DOMAIN.bean(UserActivities.class);
    int racers = 8;
    List<String> results =
        race(
            racers,
            i ->
                () -> {
                  try {
                    direct.register(
                        new NewUser("register-race-" + i, "racer" + i, 1, "13900000009", "h"));
                    return "registered";
                  } catch (RuntimeException failure) {
                    return failure instanceof ApplicationFailure
                        ? failureType(failure)
                        : failure.toString();
                  }
                });

    assertThat(results).containsOnlyOnce("registered");
    assertThat(results)
        .filteredOn(MallFailures.CONFLICT::equals)
        .as(results.toString())
        .hasSize(racers - 1);
    assertThat(
            DOMAIN
                .jdbc()
                .sql("SELECT COUNT(*) FROM users WHERE mobile = '13900000009'")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }
}
