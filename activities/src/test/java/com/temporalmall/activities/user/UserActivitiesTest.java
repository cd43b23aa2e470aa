package com.temporalmall.activities.user;

import static com.temporalmall.activities.ActivityTesting.failureType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.temporalmall.activities.ActivityTesting;
import com.temporalmall.activities.DomainDatabase;
import com.temporalmall.activities.testsupport.TestDatabase;
import com.temporalmall.activities.testsupport.TestDatabases;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.user.NewUser;
import com.temporalmall.workflows.user.UserActivities;
import com.temporalmall.workflows.user.UserView;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserActivitiesTest {
  private static TestDatabase database;
  private TestActivityEnvironment env;
  private UserActivities users;

  @BeforeAll
  static void createDatabase() {
    database = TestDatabases.create("user");
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @BeforeEach
  void stub() {
    env = TestActivityEnvironment.newInstance();
    DomainDatabase db = DomainDatabase.of(database.dataSource());
    users =
        ActivityTesting.stub(
            env, UserActivities.class, new UserActivitiesImpl(db.repository(UserRepository.class), db.barrier()));
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void registersOnceAndKeepsOnlyTheHash() {
    NewUser alice = new NewUser("register-1", "alice", 2, "13900000001", "$2a$10$hash");

    UserView created = users.register(alice);

    assertThat(users.register(alice)).as("a retried register").isEqualTo(created);
    assertThat(users.info(created.id()).mobile()).isEqualTo("13900000001");
    assertThat(users.credentials("13900000001").passwordHash()).isEqualTo("$2a$10$hash");
  }

  @Test
  void aTakenMobileIsAConflict() {
    users.register(new NewUser("register-2", "bob", 1, "13900000002", "h"));

    Throwable failure =
        catchThrowable(() -> users.register(new NewUser("register-3", "eve", 1, "13900000002", "h")));

    assertThat(failureType(failure)).isEqualTo(MallFailures.CONFLICT);
  }

  @Test
  void unknownUsersAreNotFound() {
    assertThat(failureType(catchThrowable(() -> users.info(999_999)))).isEqualTo(MallFailures.NOT_FOUND);
    assertThat(failureType(catchThrowable(() -> users.credentials("000")))).isEqualTo(MallFailures.NOT_FOUND);
  }

  @Test
  void racingRegistrationsOfOneMobileLeaveOneUserAndConflicts() throws Exception {
    // Called directly: the test activity environment runs activities one at a time, which would
    // let the pre-check catch every duplicate and never exercise the unique-key race.
    DomainDatabase db = DomainDatabase.of(database.dataSource());
    UserActivities direct = new UserActivitiesImpl(db.repository(UserRepository.class), db.barrier());
    int racers = 8;
    ExecutorService threads = Executors.newFixedThreadPool(racers);
    CountDownLatch startGate = new CountDownLatch(1);
    List<Future<String>> outcomes = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      NewUser racer = new NewUser("register-race-" + i, "racer" + i, 1, "13900000009", "h");
      outcomes.add(
          threads.submit(
              () -> {
                startGate.await();
                try {
                  direct.register(racer);
                  return "registered";
                } catch (RuntimeException failure) {
                  return failure instanceof ApplicationFailure ? failureType(failure) : failure.toString();
                }
              }));
    }
    startGate.countDown();
    List<String> results = new ArrayList<>();
    for (Future<String> outcome : outcomes) {
      results.add(outcome.get());
    }
    threads.shutdown();

    assertThat(results).containsOnlyOnce("registered");
    assertThat(results).filteredOn(MallFailures.CONFLICT::equals).as(results.toString()).hasSize(racers - 1);
    assertThat(
            DomainDatabase.of(database.dataSource()).jdbc()
                .sql("SELECT COUNT(*) FROM users WHERE mobile = '13900000009'").query(Integer.class).single())
        .isEqualTo(1);
  }
}
