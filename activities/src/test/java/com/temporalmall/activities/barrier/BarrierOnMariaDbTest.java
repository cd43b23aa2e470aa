package com.temporalmall.activities.barrier;

import static org.assertj.core.api.Assertions.assertThat;

import com.temporalmall.activities.testsupport.TestDatabase;
import com.temporalmall.activities.testsupport.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/** On the real MariaDB/MySQL server, plus what only a real server can show: racing duplicates. */
class BarrierOnMariaDbTest extends BarrierContract {
  private static TestDatabase database;

  @BeforeAll
  static void createDatabase() {
    database = TestDatabases.create("product");
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @Override
  DataSource productDatabase() {
    return database.dataSource();
  }

  @RepeatedTest(3)
  void concurrentDeliveriesOfOneBranchApplyExactlyOnce() throws Exception {
    int deliveries = 8;
    ExecutorService workers = Executors.newFixedThreadPool(deliveries);
    CountDownLatch startGate = new CountDownLatch(1);
    List<Future<BarrierOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < deliveries; i++) {
      outcomes.add(
          workers.submit(
              () -> {
                startGate.await();
                return barrier.action(KEY, this::addOne);
              }));
    }
    startGate.countDown();
    List<BarrierOutcome> results = new ArrayList<>();
    for (Future<BarrierOutcome> outcome : outcomes) {
      results.add(outcome.get());
    }
    workers.shutdown();

    assertThat(results).containsOnlyOnce(BarrierOutcome.APPLIED);
    assertThat(results).filteredOn(BarrierOutcome.DUPLICATE::equals).hasSize(deliveries - 1);
    assertThat(counter()).isEqualTo(1);
  }
}
