package com.temporalmall.activities.order;

import static com.temporalmall.activities.ActivityTesting.failureType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.temporalmall.activities.ActivityTesting;
import com.temporalmall.activities.testsupport.DomainExtension;
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
  @RegisterExtension static final DomainExtension DOMAIN = new DomainExtension("order");

  @RegisterExtension final ActivityTesting activities = new ActivityTesting();
  private final OrderRepository repository = DOMAIN.bean(OrderRepository.class);
  private OrderActivities orders;

  @BeforeEach
  void stub() {
    orders = activities.stub(OrderActivities.class, DOMAIN.bean(OrderActivities.class));
  }

  private Order stored(long id) {
    return repository.findById(id).orElseThrow();
  }

  @Test
  void aRetriedCreateReturnsTheSameOrder() {
    NewOrder order = new NewOrder("saga-a", 1, 7, 2, 500);

    long id = orders.create(order);

    assertThat(orders.create(order)).isEqualTo(id);
    assertThat(stored(id).amount()).isEqualTo(500);
    assertThat(stored(id).num()).isEqualTo(2);
  }

  @Test
  void revertInvalidatesThisSagasOrderOnly() {
    long mine = orders.create(new NewOrder("saga-b1", 5, 7, 1, 250));
    long sameUserLater = orders.create(new NewOrder("saga-b2", 5, 7, 1, 250));

    orders.createRevert("saga-b1");

    assertThat(stored(mine).status()).isEqualTo(OrderStatus.INVALID);
    assertThat(stored(sameUserLater).status()).isEqualTo(OrderStatus.CREATED);
  }

  @Test
  void aCreateArrivingAfterItsRevertIsRefused() {
    orders.createRevert("saga-c");

    Throwable failure = catchThrowable(() -> orders.create(new NewOrder("saga-c", 1, 7, 1, 250)));

    assertThat(failureType(failure)).isEqualTo(OrderActivitiesImpl.REFUSED_AFTER_COMPENSATION);
    assertThat(repository.findByGid("saga-c")).isEmpty();
  }

  @Test
  void unknownOrderIsNotFound() {
    assertThat(
            failureType(catchThrowable(() -> orders.remove(new OrderRemoval("rm-0", 1, 999_999)))))
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

    assertThat(stored(paid).status()).isEqualTo(OrderStatus.PAID);
    assertThat(stored(cancelled).status()).isEqualTo(OrderStatus.INVALID);
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

    assertThat(repository.existsById(invalid)).isFalse();
    assertThat(repository.existsById(open)).isTrue();
  }
}
