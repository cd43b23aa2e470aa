package com.temporalmall.workflows.pay;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Activities of the pay domain, served on task queue {@value PayContract#TASK_QUEUE} by the pay
 * worker; the order's workflow calls them from its payment phase.
 *
 * <p>Each write is idempotent through the pay database's {@code barrier} table: its business SQL
 * commits in one local transaction with a barrier row (gid, branch, op), gid being the calling
 * workflow's id and branch the activity name, so a retried or duplicate call changes nothing. Each
 * method names its key and what compensates it.
 */
@ActivityInterface
public interface PayActivities {

  /**
   * Creates the one pay of an order: a second create, from any workflow, returns the first.
   *
   * <p>Idempotency key: barrier (gid = the order's workflow id, branch {@value
   * PayContract.Activities#CREATE}, op {@code action}), plus the pay table's unique order id.
   * Compensation: none - a cancelled order's open pay is closed by {@link #close}.
   */
  @ActivityMethod(name = PayContract.Activities.CREATE)
  PayView create(NewPay pay);

  /**
   * The provider took the money: unpaid to {@link PayStatus#PAID}, with its source.
   *
   * <p>Idempotency key: barrier (gid = the order's workflow id, branch {@value
   * PayContract.Activities#MARK_PAID}, op {@code action}). Compensation: none - money taken is
   * final; money that arrives for a cancelled order goes to {@link #flagRefund} instead.
   */
  @ActivityMethod(name = PayContract.Activities.MARK_PAID)
  PayView markPaid(PayChange change);

  /**
   * The order was cancelled before payment: unpaid to {@link PayStatus#CLOSED}.
   *
   * <p>Idempotency key: barrier (gid = the order's workflow id, branch {@value
   * PayContract.Activities#CLOSE}, op {@code action}). Compensation: none - part of a final
   * cancellation.
   */
  @ActivityMethod(name = PayContract.Activities.CLOSE)
  PayView close(PayChange change);

  /**
   * Money arrived for a cancelled order: unpaid or closed to {@link PayStatus#REFUND_DUE}, never
   * lost.
   *
   * <p>Idempotency key: barrier (gid = the calling workflow's id - the order's workflow, or the
   * API's {@link PayWrites.FlagRefund} - branch {@value PayContract.Activities#FLAG_REFUND}, op
   * {@code action}). Compensation: none - {@link #refund} gives the money back.
   */
  @ActivityMethod(name = PayContract.Activities.FLAG_REFUND)
  PayView flagRefund(PayChange change);

  /**
   * Gives a {@link PayStatus#REFUND_DUE} pay's money back through the payment provider, then moves
   * it to {@link PayStatus#REFUNDED}; a pay already refunded is answered as it is. Retried until
   * the provider confirms: a provider that is down, slow or refuses is a retryable failure, and a
   * provider that says the checkout was already refunded in full counts as confirmed.
   *
   * <p>Idempotency keys: the provider's Idempotency-Key {@code refund-<payId>} (one refund per pay,
   * whichever workflow asks and however often), then barrier (gid = the calling workflow's id,
   * branch {@value PayContract.Activities#REFUND}, op {@code action}) around the status change.
   * Compensation: none - money given back is final.
   */
  @ActivityMethod(name = PayContract.Activities.REFUND)
  PayView refund(PayChange change);

  /**
   * Asks the payment provider about {@code pay}'s checkout (for a callback that may have been
   * lost): whether it is captured, for how much, and the capture event's id. Reads only, at the
   * provider and in the mall, so it needs no barrier: any attempt may be repeated.
   *
   * <p>Fails non-retryable ({@code NotFound}, {@code InvalidRequest}) when the provider does not
   * know the checkout or reports it for another pay or currency; a provider that cannot be reached
   * or answers 5xx fails the attempt, to be retried on the caller's bounded schedule. Compensation:
   * none - nothing is written.
   */
  @ActivityMethod(name = PayContract.Activities.QUERY)
  ProviderPayment query(PayView pay);
}
