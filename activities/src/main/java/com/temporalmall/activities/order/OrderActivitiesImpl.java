package com.temporalmall.activities.order;

import static com.temporalmall.workflows.order.OrderContract.Activities.CANCEL;
import static com.temporalmall.workflows.order.OrderContract.Activities.CREATE;
import static com.temporalmall.workflows.order.OrderContract.Activities.MARK_PAID;
import static com.temporalmall.workflows.order.OrderContract.Activities.REMOVE;

import com.temporalmall.activities.barrier.BarrierKey;
import com.temporalmall.activities.barrier.BarrierOutcome;
import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.order.NewOrder;
import com.temporalmall.workflows.order.OrderActivities;
import com.temporalmall.workflows.order.OrderChange;
import com.temporalmall.workflows.order.OrderRemoval;
import com.temporalmall.workflows.order.OrderStatus;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class OrderActivitiesImpl implements OrderActivities {
  private static final Logger log = LoggerFactory.getLogger(OrderActivitiesImpl.class);
  static final String REFUSED_AFTER_COMPENSATION = "RefusedAfterCompensation";

  private final OrderRepository orders;
  private final SubTransactionBarrier barrier;

  OrderActivitiesImpl(OrderRepository orders, SubTransactionBarrier barrier) {
    this.orders = orders;
    this.barrier = barrier;
  }

  @Override
  public long create(NewOrder order) {
    BarrierOutcome outcome =
        barrier.action(
            BarrierKey.saga(order.gid(), CREATE),
            () ->
                orders.save(
                    new Order(
                        null,
                        order.gid(),
                        order.uid(),
                        order.pid(),
                        order.num(),
                        order.amount(),
                        OrderStatus.CREATED)));
    log.info("barrier {} {} action: {}", order.gid(), CREATE, outcome);
    if (outcome == BarrierOutcome.REFUSED_AFTER_COMPENSATION) {
      throw ApplicationFailure.newNonRetryableFailure(
          "saga " + order.gid() + " was already compensated; the order is not created",
          REFUSED_AFTER_COMPENSATION);
    }
    return orders.findByGid(order.gid()).orElseThrow().id();
  }

  @Override
  public void createRevert(String gid) {
    BarrierOutcome outcome =
        barrier.compensate(
            BarrierKey.saga(gid, CREATE), () -> orders.updateStatusByGid(gid, OrderStatus.INVALID));
    log.info("barrier {} {} compensate: {}", gid, CREATE, outcome);
  }

  @Override
  public void markPaid(OrderChange change) {
    changeStatus(MARK_PAID, change, OrderStatus.PAID);
  }

  @Override
  public void cancel(OrderChange change) {
    changeStatus(CANCEL, change, OrderStatus.INVALID);
  }

  /**
   * Only from created (0): the order lifecycle decides once, so a paid order is never cancelled.
   */
  private void changeStatus(String branch, OrderChange change, int status) {
    BarrierOutcome outcome =
        barrier.action(
            BarrierKey.saga(change.gid(), branch),
            () -> orders.changeStatus(change.orderId(), OrderStatus.CREATED, status));
    log.info("barrier {} {} action: {}", change.gid(), branch, outcome);
  }

  @Override
  public void remove(OrderRemoval removal) {
    BarrierOutcome outcome =
        barrier.action(
            BarrierKey.workflow(removal.gid(), REMOVE),
            () -> {
              Order order =
                  orders
                      .findById(removal.orderId())
                      .orElseThrow(
                          () ->
                              MallFailures.notFound(
                                  "order " + removal.orderId() + " does not exist"));
              if (order.uid() != removal.uid()) {
                throw MallFailures.forbidden(
                    "order " + removal.orderId() + " belongs to another user");
              }
              if (order.status() != OrderStatus.INVALID) {
                throw MallFailures.conflict(
                    "order "
                        + removal.orderId()
                        + " is "
                        + (order.status() == OrderStatus.PAID ? "paid" : "open")
                        + ": only invalid (cancelled) orders can be removed");
              }
              orders.deleteById(order.id());
            });
    log.info("barrier {} {} action: {}", removal.gid(), REMOVE, outcome);
  }
}
