package com.temporalmall.activities.barrier;

import static com.temporalmall.activities.ActivityTesting.race;
import static org.assertj.core.api.Assertions.assertThat;

import com.temporalmall.activities.testsupport.DomainExtension;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** On the real MariaDB/MySQL server, plus what only a real server can show: racing duplicates. */
class BarrierOnMariaDbTest extends BarrierContract {
  @RegisterExtension static final DomainExtension DATABASE = new DomainExtension("product");

  @Override
  DataSource productDatabase() {
    return DATABASE.dataSource();
  }

  @RepeatedTest(3)
  void concurrentDeliveriesOfOneBranchApplyExactlyOnce() throws Exception {
    int deliveries = 8;
    List<BarrierOutcome> results = race(deliveries, i -> () -> barrier.action(KEY, this::addOne));

    assertThat(results).containsOnlyOnce(BarrierOutcome.APPLIED);
    assertThat(results).filteredOn(BarrierOutcome.DUPLICATE::equals).hasSize(deliveries - 1);
    assertThat(counter()).isEqualTo(1);
  }
}
