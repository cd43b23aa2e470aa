package com.temporalmall.activities.order;

import static com.temporalmall.activities.ActivityTesting.failureType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.temporalmall.activities.ActivityTesting;
import com.temporalmall.activities.DomainDatabase;
import com.temporalmall.activities.testsupport.TestDatabase;
import com.temporalmall.activities.testsupport.TestDatabases;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.order.NewOrder;
import com.temporalmall.workflows.order.OrderActivities;
import com.temporalmall.workflows.order.OrderStatus;
import io.temporal.testing.TestActivityEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderActivitiesTest {
  private static TestDatabase database;
  private TestActivityEnvironment env;
  private OrderActivities orders;

  @BeforeAll
  static void createDatabase() {
    database = TestDatabases.create("order");
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @BeforeEach
  void stub() {
    env = TestActivityEnvironment.newInstance();
    DomainDatabase db = DomainDatabase.of(database.dataSource());
    orders =
        ActivityTesting.stub(
            env, OrderActivities.class, new OrderActivitiesImpl(db.repository(OrderRepository.class), db.barrier()));
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void aRetriedCreateReturnsTheSameOrder() {
    NewOrder order = new NewOrder("saga-a", 1, 7, 2, 500);

    long id = orders.create(order);

    assertThat(orders.create(order)).isEqualTo(id);
    assertThat(orders.detail(id).amount()).isEqualTo(500);
    assertThat(orders.detail(id).num()).isEqualTo(2);
  }

  @Test
  void revertInvalidatesThisSagasOrderOnly() {
    long mine = orders.create(new NewOrder("saga-b1", 5, 7, 1, 250));
    long sameUserLater = orders.create(new NewOrder("saga-b2", 5, 7, 1, 250));

    orders.createRevert("saga-b1");

    assertThat(orders.detail(mine).status()).isEqualTo(OrderStatus.INVALID);
    assertThat(orders.detail(sameUserLater).status()).isEqualTo(OrderStatus.CREATED);
  }

  @Test
  void aCreateArrivingAfterItsRevertIsRefused() {
    orders.createRevert("saga-c");

    Throwable failure = catchThrowable(() -> orders.create(new NewOrder("saga-c", 1, 7, 1, 250)));

    assertThat(failureType(failure)).isEqualTo(OrderActivitiesImpl.REFUSED_AFTER_COMPENSATION);
  }

  @Test
  void unknownOrderIsNotFound() {
    assertThat(failureType(catchThrowable(() -> orders.detail(999_999)))).isEqualTo(MallFailures.NOT_FOUND);
  }
}
