package com.temporalmall.activities.order;

import static com.temporalmall.activities.ActivityTesting.failureType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.temporalmall.activities.ActivityTesting;
import com.temporalmall.activities.DomainDatabase;
import com.temporalmall.activities.testsupport.DomainDatabaseExtension;
import com.temporalmall.api.order.OrderView;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.order.NewOrder;
import com.temporalmall.workflows.order.OrderActivities;
import com.temporalmall.workflows.order.OrderChange;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderRemoval;
import com.temporalmall.workflows.order.OrderStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OrderActivitiesTest {
  @RegisterExtension
  static final DomainDatabaseExtension DATABASE = new DomainDatabaseExtension("order");

  @RegisterExtension final ActivityTesting activities = new ActivityTesting();
  private OrderActivities orders;

  @BeforeEach
  void stub() {
    DomainDatabase db = DATABASE.domainDatabase();
    orders =
        activities.stub(
            OrderActivities.class,
            new OrderActivitiesImpl(db.repository(OrderRepository.class), db.barrier()));
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
    assertThat(failureType(catchThrowable(() -> orders.detail(999_999))))
        .isEqualTo(MallFailures.NOT_FOUND);
  }

  @Test
  void paidAndCancelledAreDecidedOnceFromCreated() {
    long paid = orders.create(new NewOrder("saga-d1", 9, 7, 1, 250));
    long cancelled = orders.create(new NewOrder("saga-d2", 9, 7, 1, 250));

    orders.markPaid(new OrderChange(OrderContract.workflowId(String.valueOf(paid)), paid));
    orders.cancel(new OrderChange(OrderContract.workflowId(paid + "-late"), paid));
    orders.cancel(new OrderChange(OrderContract.workflowId(String.valueOf(cancelled)), cancelled));
    orders.markPaid(new OrderChange(OrderContract.workflowId(cancelled + "-late"), cancelled));

    assertThat(orders.detail(paid).status()).isEqualTo(OrderStatus.PAID);
    assertThat(orders.detail(cancelled).status()).isEqualTo(OrderStatus.INVALID);
    assertThat(orders.list(9)).extracting(OrderView::id).containsExactly(cancelled, paid);
  }

  @Test
  void onlyTheOwnerRemovesAnInvalidOrder() {
    long open = orders.create(new NewOrder("saga-e1", 11, 7, 1, 250));
    long invalid = orders.create(new NewOrder("saga-e2", 11, 7, 1, 250));
    orders.createRevert("saga-e2");

    assertThat(failureType(catchThrowable(() -> orders.remove(new OrderRemoval("rm-1", 11, open)))))
        .isEqualTo(MallFailures.CONFLICT);
    assertThat(
            failureType(catchThrowable(() -> orders.remove(new OrderRemoval("rm-2", 12, invalid)))))
        .isEqualTo(MallFailures.FORBIDDEN);

    orders.remove(new OrderRemoval("rm-3", 11, invalid));

    assertThat(orders.list(11)).extracting(OrderView::id).containsExactly(open);
  }
}
