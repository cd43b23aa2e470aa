package com.temporalmall.workflows.order;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Activities of the order domain, served on task queue {@code order}. */
@ActivityInterface
public interface OrderActivities {

  /**
   * Saga action: inserts the order bound to saga {@code gid} with status {@link
   * OrderStatus#CREATED} and returns its id. A retried call re-reads and returns the same id.
   */
  @ActivityMethod(name = OrderContract.Activities.CREATE)
  long create(NewOrder order);

  /**
   * Saga compensation of {@link #create}: sets the status of the order of saga {@code gid} (and no
   * other) to {@link OrderStatus#INVALID}.
   */
  @ActivityMethod(name = OrderContract.Activities.CREATE_REVERT)
  void createRevert(String gid);

  /** {@code NotFound} if there is no such order. */
  @ActivityMethod(name = OrderContract.Activities.DETAIL)
  OrderView detail(long id);

  /** The orders of one user, newest first. */
  @ActivityMethod(name = OrderContract.Activities.LIST)
  List<OrderView> list(long uid);

  /** Created (0) to paid (1); a no-op if already paid. */
  @ActivityMethod(name = OrderContract.Activities.MARK_PAID)
  void markPaid(OrderChange change);

  /** Created (0) to invalid (9), for an order not paid in time or cancelled by its owner. */
  @ActivityMethod(name = OrderContract.Activities.CANCEL)
  void cancel(OrderChange change);

  /**
   * Deletes an invalid (9) order of {@code uid}: {@code Forbidden} for another user's order, {@code
   * Conflict} while it is open or paid.
   */
  @ActivityMethod(name = OrderContract.Activities.REMOVE)
  void remove(OrderRemoval removal);
}
