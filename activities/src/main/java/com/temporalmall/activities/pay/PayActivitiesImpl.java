package com.temporalmall.activities.pay;

import static com.temporalmall.workflows.pay.PayContract.Activities.CLOSE;
import static com.temporalmall.workflows.pay.PayContract.Activities.CREATE;
import static com.temporalmall.workflows.pay.PayContract.Activities.FLAG_REFUND;
import static com.temporalmall.workflows.pay.PayContract.Activities.MARK_PAID;
import static com.temporalmall.workflows.pay.PayContract.Activities.REFUND;

import com.temporalmall.activities.DuplicateKeys;
import com.temporalmall.activities.barrier.BarrierKey;
import com.temporalmall.activities.barrier.BarrierOutcome;
import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.pay.NewPay;
import com.temporalmall.workflows.pay.PayActivities;
import com.temporalmall.workflows.pay.PayChange;
import com.temporalmall.workflows.pay.PayStatus;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.pay.ProviderPayment;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class PayActivitiesImpl implements PayActivities {
  private static final Logger log = LoggerFactory.getLogger(PayActivitiesImpl.class);

  private final PayRepository pays;
  private final SubTransactionBarrier barrier;
  private final PaymentProvider provider;

  PayActivitiesImpl(PayRepository pays, SubTransactionBarrier barrier, PaymentProvider provider) {
    this.pays = pays;
    this.barrier = barrier;
    this.provider = provider;
  }

  @Override
  public PayView create(NewPay pay) {
    try {
      BarrierOutcome outcome =
          barrier.action(
              BarrierKey.workflow(pay.gid(), CREATE),
              () -> {
                if (pays.findByOid(pay.oid()).isEmpty()) {
                  pays.save(
                      new Pay(null, pay.uid(), pay.oid(), pay.amount(), 0, PayStatus.UNPAID, null));
                }
              });
      log.info("barrier {} {} action: {}", pay.gid(), CREATE, outcome);
    } catch (RuntimeException failure) {
      if (!DuplicateKeys.isDuplicateKey(failure)) {
        throw failure;
      }
      // Another create of the same order won the race: its pay is the order's one pay.
    }
    Pay stored = pays.findByOid(pay.oid()).orElseThrow();
    if (stored.checkout() == null) {
      // Outside the pay's transaction: a remote call holds no lock. The order's workflow id as
      // the provider's Idempotency-Key gives a retried activity the same checkout.
      String checkout;
      try {
        checkout = provider.openCheckout(pay.gid(), stored.id(), stored.amount());
      } catch (PaymentProvider.Unavailable unavailable) {
        // Retryable; once the workflow's bounded retries are spent, it keeps this pay (details).
        throw ApplicationFailure.newFailureWithCause(
            unavailable.getMessage(),
            MallFailures.PAYMENT_PROVIDER_UNAVAILABLE,
            unavailable,
            stored.view());
      }
      pays.attachCheckout(stored.id(), checkout);
      stored = pays.findById(stored.id()).orElseThrow();
    }
    return stored.view();
  }

  @Override
  public PayView markPaid(PayChange change) {
    return changeStatus(MARK_PAID, change, PayStatus.PAID, List.of(PayStatus.UNPAID));
  }

  @Override
  public PayView close(PayChange change) {
    return changeStatus(CLOSE, change, PayStatus.CLOSED, List.of(PayStatus.UNPAID));
  }

  @Override
  public PayView flagRefund(PayChange change) {
    return changeStatus(
        FLAG_REFUND, change, PayStatus.REFUND_DUE, List.of(PayStatus.UNPAID, PayStatus.CLOSED));
  }

  @Override
  public PayView refund(PayChange change) {
    Pay pay = pays.findById(change.payId()).orElseThrow(() -> unknownPay(change.payId()));
    if (pay.status() == PayStatus.REFUNDED) {
      return pay.view();
    }
    if (pay.status() != PayStatus.REFUND_DUE) {
      throw MallFailures.conflict(
          "pay " + pay.id() + " is not due a refund (status " + pay.status() + ")");
    }
    if (pay.checkout() == null) {
      throw MallFailures.conflict(
          "pay " + pay.id() + " has no provider checkout to refund: refund it by hand");
    }
    // Outside the pay's transaction: a remote call holds no lock. A key derived from the pay gives
    // a retried activity - or a second workflow refunding the same pay - the same refund.
    String refund = provider.refund(refundKey(pay.id()), pay.checkout(), pay.amount());
    BarrierOutcome outcome =
        barrier.action(
            BarrierKey.workflow(change.gid(), REFUND), () -> pays.markRefunded(pay.id(), refund));
    log.info(
        "barrier {} {} action: {} (pay {}, provider refund {})",
        change.gid(),
        REFUND,
        outcome,
        pay.id(),
        refund);
    return pays.findById(pay.id()).orElseThrow().view();
  }

  /** The provider's Idempotency-Key of pay {@code payId}'s one refund. */
  static String refundKey(long payId) {
    return "refund-" + payId;
  }

  @Override
  public ProviderPayment query(PayView pay) {
    if (pay.checkout() == null) {
      throw MallFailures.notFound("pay " + pay.id() + " has no checkout at the provider");
    }
    ProviderCheckout checkout = provider.checkout(pay.checkout());
    if (checkout.reference() != pay.id() || !provider.currency().equals(checkout.currency())) {
      throw MallFailures.invalidRequest(
          "checkout "
              + checkout.id()
              + " is for reference "
              + checkout.reference()
              + " in "
              + checkout.currency()
              + ", not pay "
              + pay.id()
              + " in "
              + provider.currency());
    }
    log.info(
        "asked the provider about pay {}: checkout {} {}",
        pay.id(),
        checkout.id(),
        checkout.captured() ? "captured by " + checkout.captureEventId() : "not captured");
    return new ProviderPayment(
        checkout.id(),
        checkout.captured(),
        checkout.amount(),
        checkout.currency(),
        checkout.captureEventId());
  }

  private PayView changeStatus(String branch, PayChange change, int status, List<Integer> from) {
    BarrierOutcome outcome =
        barrier.action(
            BarrierKey.workflow(change.gid(), branch),
            () -> {
              if (!pays.existsById(change.payId())) {
                throw unknownPay(change.payId());
              }
              pays.changeStatus(change.payId(), status, change.source(), from);
            });
    log.info("barrier {} {} action: {}", change.gid(), branch, outcome);
    return pays.findById(change.payId()).orElseThrow().view();
  }

  private static RuntimeException unknownPay(long id) {
    return MallFailures.notFound("pay " + id + " does not exist");
  }
}
