package com.temporalmall.workflows.order;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Activities of the order domain, served on task queue {@value OrderContract#TASK_QUEUE} by the
 * order worker (the {@link OrderSagaWorkflow} runs them as local activities beside the order
 * database).
 *
 * <p>Each write is idempotent through the order database's {@code barrier} table: its business SQL
 * commits in one local transaction with a barrier row (gid, branch, op), gid being the calling
 * workflow's id and branch the activity name, so a retried or duplicate call changes nothing. Each
 * method names its key and what compensates it.
 */
@ActivityInterface
public interface OrderActivities {

  /**
   * Saga action: inserts the order bound to saga {@code gid} with status {@link
   * OrderStatus#CREATED} and returns its id. A retried call re-reads and returns the same id; a
   * call arriving after its compensation is refused (non-retryable {@code
   * RefusedAfterCompensation}).
   *
   * <p>Idempotency key: barrier (gid = the order's workflow id, branch {@value
   * OrderContract.Activities#CREATE}, op {@code action}). Compensation: {@link #createRevert}.
   */
  @ActivityMethod(name = OrderContract.Activities.CREATE)
  long create(NewOrder order);

  /**
   * Saga compensation of {@link #create}: sets the status of the order of saga {@code gid} (and no
   * other) to {@link OrderStatus#INVALID}. Without a prior action it is a null compensation, and
   * its row then blocks a late {@link #create}.
   *
   * <p>Idempotency key: barrier (gid, branch {@value OrderContract.Activities#CREATE}, op {@code
   * compensate}, after the origin row (gid, {@value OrderContract.Activities#CREATE}, {@code
   * action})). Compensation: none, it is one.
   */
  @ActivityMethod(name = OrderContract.Activities.CREATE_REVERT)
  void createRevert(String gid);

  /**
   * Created (0) to paid (1); a no-op if already paid or no longer created.
   *
   * <p>Idempotency key: barrier (gid = the order's workflow id, branch {@value
   * OrderContract.Activities#MARK_PAID}, op {@code action}). Compensation: none - a payment is
   * final; the workflow refuses a cancellation once it started paying.
   */
  @ActivityMethod(name = OrderContract.Activities.MARK_PAID)
  void markPaid(OrderChange change);

  /**
   * Created (0) to invalid (9), for an order not paid in time or cancelled by its owner; a no-op
   * once paid.
   *
   * <p>Idempotency key: barrier (gid = the order's workflow id, branch {@value
   * OrderContract.Activities#CANCEL}, op {@code action}). Compensation: none - a cancellation is
   * final (it is itself the undo of a placed order, with {@code product.releaseStock} and {@code
   * pay.close}).
   */
  @ActivityMethod(name = OrderContract.Activities.CANCEL)
  void cancel(OrderChange change);

  /**
   * Deletes an invalid (9) order of {@code uid}: {@code Forbidden} for another user's order, {@code
   * Conflict} while it is open or paid.
   *
   * <p>Idempotency key: barrier (gid = the {@link OrderWrites.Remove} workflow id, branch {@value
   * OrderContract.Activities#REMOVE}, op {@code action}). Compensation: none - a single-step write
   * of an order that is already invalid.
   */
  @ActivityMethod(name = OrderContract.Activities.REMOVE)
  void remove(OrderRemoval removal);
}
