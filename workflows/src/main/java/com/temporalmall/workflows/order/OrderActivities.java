package com.temporalmall.workflows.order;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Activities of the order domain, served on task queue {@code order}. */
@ActivityInterface
public interface OrderActivities {
  String CREATE = "order.create";
  String CREATE_REVERT = "order.createRevert";
  String DETAIL = "order.detail";

  /**
   * Saga action: inserts the order bound to saga {@code gid} with status {@link
   * OrderStatus#CREATED} and returns its id. A retried call re-reads and returns the same id.
   */
  @ActivityMethod(name = CREATE)
  long create(NewOrder order);

  /**
   * Saga compensation of {@link #create}: sets the status of the order of saga {@code gid} (and no
   * other) to {@link OrderStatus#INVALID}.
   */
  @ActivityMethod(name = CREATE_REVERT)
  void createRevert(String gid);

  /** {@code NotFound} if there is no such order. */
  @ActivityMethod(name = DETAIL)
  OrderView detail(long id);
}
