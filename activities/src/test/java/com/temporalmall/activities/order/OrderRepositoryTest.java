package com.temporalmall.activities.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.temporalmall.activities.barrier.BarrierKey;
import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.temporalmall.activities.testsupport.DomainExtension;
import com.temporalmall.workflows.order.OrderStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The order status moves, on the real server, and the repository's place in the barrier. */
class OrderRepositoryTest {
  @RegisterExtension static final DomainExtension DOMAIN = new DomainExtension("order");

  final OrderRepository orders = DOMAIN.bean(OrderRepository.class);

  long orderOf(String gid, int status) {
    return orders.save(new Order(null, gid, 3, 7, 1, 250, status)).id();
  }

  int status(long id) {
    return orders.findById(id).orElseThrow().status();
  }

  @Test
  void changeStatusMovesAnOrderFromTheExpectedStatus() {
    long id = orderOf("gid-created", OrderStatus.CREATED);

    assertThat(orders.changeStatus(id, OrderStatus.CREATED, OrderStatus.PAID)).isOne();

    assertThat(status(id)).isEqualTo(OrderStatus.PAID);
  }

  @Test
  void updateStatusByGidChangesThatSagasOrderOnly() {
    long mine = orderOf("gid-mine", OrderStatus.CREATED);
    long other = orderOf("gid-other", OrderStatus.CREATED);

    assertThat(orders.updateStatusByGid("gid-mine", OrderStatus.INVALID)).isOne();

    assertThat(status(mine)).isEqualTo(OrderStatus.INVALID);
    assertThat(status(other)).isEqualTo(OrderStatus.CREATED);
    assertThat(orders.findByGid("gid-mine")).map(Order::id).contains(mine);
  }

  @Test
  void aWriteInsideTheBarrierRollsBackWithIt() {
    SubTransactionBarrier barrier = DOMAIN.bean(SubTransactionBarrier.class);

    assertThatThrownBy(
            () ->
                barrier.action(
                    BarrierKey.saga("gid-rolled-back", "create"),
                    () -> {
                      orderOf("gid-rolled-back", OrderStatus.CREATED);
                      throw new IllegalStateException("business rule broken");
                    }))
        .hasMessage("business rule broken");

    assertThat(orders.findByGid("gid-rolled-back")).as("same transaction as the barrier").isEmpty();
  }

  @Nested
  class ChangesNothing {
    @Test
    void whenTheOrderLeftTheExpectedStatus() {
      long paid = orderOf("gid-paid", OrderStatus.PAID);

      assertThat(orders.changeStatus(paid, OrderStatus.CREATED, OrderStatus.INVALID)).isZero();

      assertThat(status(paid)).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void whenTheOrderDoesNotExist() {
      assertThat(orders.changeStatus(999_999, OrderStatus.CREATED, OrderStatus.PAID)).isZero();
    }

    @Test
    void whenNoOrderHasTheGid() {
      long id = orderOf("gid-kept", OrderStatus.CREATED);

      assertThat(orders.updateStatusByGid("gid-unknown", OrderStatus.INVALID)).isZero();

      assertThat(status(id)).isEqualTo(OrderStatus.CREATED);
    }
  }
}
