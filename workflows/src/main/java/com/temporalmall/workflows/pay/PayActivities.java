package com.temporalmall.workflows.pay;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Activities of the pay domain, served on task queue {@code pay}. */
@ActivityInterface
public interface PayActivities {

  /** Creates the one pay of an order (unique per order): a second create returns the first. */
  @ActivityMethod(name = PayContract.Activities.CREATE)
  PayView create(NewPay pay);

  /** {@code NotFound} if there is no such pay. */
  @ActivityMethod(name = PayContract.Activities.DETAIL)
  PayView detail(long id);

  /** The provider took the money: status {@link PayStatus#PAID}, with its source. */
  @ActivityMethod(name = PayContract.Activities.MARK_PAID)
  PayView markPaid(PayChange change);

  /** The order was cancelled before payment: status {@link PayStatus#CLOSED}. */
  @ActivityMethod(name = PayContract.Activities.CLOSE)
  PayView close(PayChange change);

  /** Money arrived for a cancelled order: status {@link PayStatus#REFUND_DUE}, never lost. */
  @ActivityMethod(name = PayContract.Activities.FLAG_REFUND)
  PayView flagRefund(PayChange change);
}
