package com.temporalmall.workflows.product;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Activities of the product domain, served on task queue {@value ProductContract#TASK_QUEUE} by the
 * product worker.
 *
 * <p>Each write is idempotent through the product database's {@code barrier} table: its business
 * SQL commits in one local transaction with a barrier row (gid, branch, op), gid being the calling
 * workflow's id and branch the activity name, so a retried or duplicate call changes nothing. Each
 * method names its key and what compensates it.
 */
@ActivityInterface
public interface ProductActivities {

  /**
   * Inserts a product owned by its creator; a retried call returns the product it created (found by
   * the gid stored with it).
   *
   * <p>Idempotency key: barrier (gid = the {@link ProductWrites} workflow id, branch {@value
   * ProductContract.Activities#CREATE}, op {@code action}). Compensation: none - a single-step
   * write; the owner removes it with {@link #remove}.
   */
  @ActivityMethod(name = ProductContract.Activities.CREATE)
  ProductView create(NewProduct product);

  /**
   * Saga action: {@code stock = stock - num where id = pid and stock >= num} (and, when the change
   * carries a unit price, only at that price). No row changed is {@code InsufficientStock}, {@code
   * NotFound} or a price {@code Conflict}, and the barrier row is rolled back with it.
   *
   * <p>Idempotency key: barrier (gid = the order's workflow id, branch {@value
   * ProductContract.Activities#DECR_STOCK}, op {@code action}). Compensation: {@link
   * #decrStockRevert}.
   */
  @ActivityMethod(name = ProductContract.Activities.DECR_STOCK)
  void decrStock(StockChange change);

  /**
   * Saga compensation of {@link #decrStock}: {@code stock = stock + num}, at most once; a null
   * compensation if the decrement never committed, whose row then blocks a late {@link #decrStock}.
   *
   * <p>Idempotency key: barrier (gid, branch {@value ProductContract.Activities#DECR_STOCK}, op
   * {@code compensate}, after the origin row (gid, {@value ProductContract.Activities#DECR_STOCK},
   * {@code action})). Compensation: none, it is one.
   */
  @ActivityMethod(name = ProductContract.Activities.DECR_STOCK_REVERT)
  void decrStockRevert(StockChange change);

  /**
   * Gives back the stock of a cancelled order ({@code stock = stock + num}), at most once per gid.
   *
   * <p>Idempotency key: barrier (gid = the order's workflow id, branch {@value
   * ProductContract.Activities#RELEASE_STOCK}, op {@code action}). Compensation: none - part of a
   * final cancellation, itself the undo of {@link #decrStock} for a placed order.
   */
  @ActivityMethod(name = ProductContract.Activities.RELEASE_STOCK)
  void releaseStock(StockChange change);

  /**
   * {@code Forbidden} unless {@code uid} owns the product; {@code NotFound} if it is gone.
   *
   * <p>Idempotency key: barrier (gid = the {@link ProductWrites} workflow id, branch {@value
   * ProductContract.Activities#UPDATE}, op {@code action}). Compensation: none - a single-step
   * write; a later update overwrites it.
   */
  @ActivityMethod(name = ProductContract.Activities.UPDATE)
  void update(ProductUpdate update);

  /**
   * {@code Forbidden} unless {@code uid} owns the product; {@code NotFound} if it is gone.
   *
   * <p>Idempotency key: barrier (gid = the {@link ProductWrites} workflow id, branch {@value
   * ProductContract.Activities#REMOVE}, op {@code action}). Compensation: none - a single-step
   * write, final.
   */
  @ActivityMethod(name = ProductContract.Activities.REMOVE)
  void remove(ProductRemoval removal);
}
