package com.temporalmall.workflows.order;

import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallMetrics;
import com.temporalmall.workflows.pay.NewPay;
import com.temporalmall.workflows.pay.PayActivities;
import com.temporalmall.workflows.pay.PayChange;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayRefunds;
import com.temporalmall.workflows.pay.PayStatus;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.pay.ProviderPayment;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.StockChange;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The payment half of a placed order's life, workflow code run by {@link OrderSagaWorkflowImpl}.
 * Workflow code runs one handler at a time, so the first of payment callback, owner cancellation
 * and payment timeout to change {@link #state} wins; the others observe it: a callback after a
 * cancellation flags its pay for refund and refunds it through the provider rather than keeping the
 * money, a cancellation after a payment is refused.
 */
final class PaymentPhase {
  private static final Logger log = Workflow.getLogger(PaymentPhase.class);

  /**
   * Version 1: a callback carries the provider's event id; each event is applied once and a
   * duplicate answered like the first (without running {@code pay.flagRefund} again), and a payment
   * that lost to the cancellation answers its pay, flagged for refund, instead of failing.
   */
  static final String PROVIDER_EVENTS = "provider-events";

  private static final int PROVIDER_EVENTS_APPLIED_ONCE = 1;

  /**
   * Version 1: an unpaid order with a pay asks the provider about it (a callback may have been
   * lost) after the request's query delay and once more when the payment timer fires, before it
   * cancels; a capture found so is applied as its event would be. The timer is split in two.
   */
  static final String PROVIDER_QUERY = "provider-query";

  private static final int PROVIDER_QUERY_ASKED = 1;

  /** The pay source a payment through the provider records, as the API's callback does. */
  private static final int PROVIDER_SOURCE = 1;

  /**
   * Asking is best effort: a provider that is down is retried for about a minute, then the order
   * goes on waiting (or is cancelled, at the timeout) as if it had said "not captured".
   */
  private static final ActivityOptions QUERY_OPTIONS =
      ActivityOptions.newBuilder()
          .setTaskQueue(PayContract.TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofSeconds(15))
          .setScheduleToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .build())
          .build();

  /**
   * Version 1: {@code pay.create}, which opens the provider's checkout, is retried a bounded number
   * of times ({@link #OPENING_CHECKOUT}); when the provider stays unreachable the createPay update
   * fails with PaymentProviderUnavailable at once instead of waiting for it, the pay row it wrote
   * is kept (a cancellation closes it) and a later createPay opens its checkout.
   */
  static final String BOUNDED_PAY_CREATE = "bounded-pay-create";

  private static final int PROVIDER_UNAVAILABLE_ANSWERED = 1;

  /**
   * Three attempts, 1 s and 2 s apart, within 25 s: the buyer waits for the answer, and the pay
   * worker's HTTP timeouts (connect 1 s, read 5 s) end an attempt on a provider that is down.
   */
  private static final ActivityOptions OPENING_CHECKOUT =
      ActivityOptions.newBuilder()
          .setTaskQueue(PayContract.TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setScheduleToCloseTimeout(Duration.ofSeconds(25))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumAttempts(3)
                  .build())
          .build();

  private final String gid;
  private final OrderRequest request;
  private final PlacedOrder order;
  private final OrderActivities orders;
  private final ProductActivities products;
  private final PayActivities pays;
  private final PayActivities refunds = PayRefunds.activities();
  private final PayActivities payQueries =
      Workflow.newActivityStub(PayActivities.class, QUERY_OPTIONS);
  private final PayActivities checkoutOpenings =
      Workflow.newActivityStub(PayActivities.class, OPENING_CHECKOUT);
  private OrderState state = OrderState.AWAITING_PAYMENT;
  private PayView pay;
  private boolean creatingPay;
  private boolean cancelRequested;

  /**
   * The provider events this order applied, by event id, with the answer they got (null while one
   * is being applied): a duplicate delivery waits for the first and gets the same answer.
   */
  private final Map<String, PayView> providerEvents = new HashMap<>();

  PaymentPhase(
      String gid,
      OrderRequest request,
      PlacedOrder order,
      OrderActivities orders,
      ProductActivities products,
      PayActivities pays) {
    this.gid = gid;
    this.request = request;
    this.order = order;
    this.orders = orders;
    this.products = products;
    this.pays = pays;
  }

  OrderState state() {
    return state;
  }

  /**
   * Waits for payment, a cancellation or the payment timeout (a durable timer), asking the provider
   * about a pay whose callback has not come, cancels an order left unpaid, and returns PAID or
   * CANCELLED once every handler has finished.
   */
  OrderState awaitOutcome() {
    Duration timeout =
        request.paymentTimeout() == null
            ? OrderSagaWorkflow.DEFAULT_PAYMENT_TIMEOUT
            : request.paymentTimeout();
    boolean decided =
        Workflow.getVersion(PROVIDER_QUERY, Workflow.DEFAULT_VERSION, PROVIDER_QUERY_ASKED)
                >= PROVIDER_QUERY_ASKED
            ? awaitAskingTheProvider(timeout)
            : Workflow.await(timeout, this::awaitingEnds);
    if (state == OrderState.AWAITING_PAYMENT) {
      if (decided) {
        log.info("order {}: cancellation requested by an operator", order.orderId());
      } else {
        log.info("order {} not paid within {}: cancelling", order.orderId(), timeout);
        Workflow.getMetricsScope().counter(MallMetrics.PAYMENT_TIMEOUTS).inc(1);
      }
      cancelUnpaidOrder();
    }
    Workflow.await(
        () ->
            (state == OrderState.PAID || state == OrderState.CANCELLED)
                && Workflow.isEveryHandlerFinished());
    return state;
  }

  /** Whether the wait for payment is over: paid or cancelling, or an operator asked to cancel. */
  private boolean awaitingEnds() {
    return state != OrderState.AWAITING_PAYMENT || cancelRequested;
  }

  /**
   * The wait of version {@value #PROVIDER_QUERY}: one durable timer at a time - the query delay,
   * then what is left of the timeout - so an order paid before the delay costs one timer as before.
   * Returns true when the wait ended before the timeout, false when the timer fired and the
   * provider's last answer did not end it.
   */
  private boolean awaitAskingTheProvider(Duration timeout) {
    Duration delay =
        request.providerQueryDelay() == null
            ? OrderSagaWorkflow.DEFAULT_PROVIDER_QUERY_DELAY
            : request.providerQueryDelay();
    long deadline = Workflow.currentTimeMillis() + timeout.toMillis();
    if (delay.isPositive() && delay.compareTo(timeout) < 0) {
      if (Workflow.await(delay, this::awaitingEnds)) {
        return true;
      }
      askTheProvider("after " + delay);
    }
    Duration left = Duration.ofMillis(deadline - Workflow.currentTimeMillis());
    if (awaitingEnds() || (left.isPositive() && Workflow.await(left, this::awaitingEnds))) {
      return true;
    }
    askTheProvider("at the payment timeout");
    return awaitingEnds();
  }

  /**
   * Asks the provider about this order's pay, if it has one with a checkout and the order still
   * awaits payment; a capture it reports is applied as its callback would be ({@link #applyOnce},
   * keyed by the capture event's id, so the callback arriving later is answered alike). A provider
   * that cannot answer, or a capture of another amount, changes nothing.
   */
  private void askTheProvider(String when) {
    if (pay == null || pay.checkout() == null || state != OrderState.AWAITING_PAYMENT) {
      return;
    }
    PayView asked = pay;
    ProviderPayment answer;
    try {
      answer = payQueries.query(asked);
    } catch (ActivityFailure failure) {
      log.warn(
          "order {}: the provider could not tell about pay {} {}: {}",
          order.orderId(),
          asked.id(),
          when,
          failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage());
      return;
    }
    if (!answer.captured() || answer.eventId() == null) {
      log.info("order {}: pay {} not captured {}", order.orderId(), asked.id(), when);
      return;
    }
    if (answer.amount() != asked.amount()) {
      log.warn(
          "order {}: the provider captured {} for pay {} of {}: not applied",
          order.orderId(),
          answer.amount(),
          asked.id(),
          asked.amount());
      return;
    }
    if (!providerEvents.containsKey(answer.eventId())) {
      log.info(
          "order {}: the provider reports pay {} captured by event {} {}, its callback not come",
          order.orderId(),
          asked.id(),
          answer.eventId(),
          when);
      Workflow.getMetricsScope().counter(MallMetrics.PAYMENTS_FOUND_BY_QUERY).inc(1);
    }
    applyOnce(new PayCallback(asked.id(), answer.amount(), PROVIDER_SOURCE, answer.eventId()));
  }

  /**
   * Checks run in the handlers, not in update validators: with SDK 1.38 a validator's
   * ApplicationFailure reaches the client with its type replaced, and the API maps on the type.
   */
  PayView createPay(long amount) {
    if (isCancelled()) {
      throw MallFailures.conflict("order " + order.orderId() + " is cancelled");
    }
    if (amount != order.amount()) {
      throw MallFailures.invalidRequest(
          "amount "
              + amount
              + " does not match order "
              + order.orderId()
              + " amount "
              + order.amount());
    }
    if (Workflow.getVersion(
            BOUNDED_PAY_CREATE, Workflow.DEFAULT_VERSION, PROVIDER_UNAVAILABLE_ANSWERED)
        == Workflow.DEFAULT_VERSION) {
      // Histories recorded before version 1: pay.create retried until it succeeded.
      if (pay == null && !creatingPay) {
        creatingPay = true;
        pay = pays.create(new NewPay(gid, request.uid(), order.orderId(), order.amount()));
        creatingPay = false;
      }
      Workflow.await(() -> pay != null);
      return pay;
    }
    if (!creatingPay && (pay == null || awaitsCheckout(pay))) {
      creatingPay = true;
      try {
        pay =
            checkoutOpenings.create(
                new NewPay(gid, request.uid(), order.orderId(), order.amount()));
      } catch (ActivityFailure failed) {
        if (!(failed.getCause() instanceof TimeoutFailure)) {
          ApplicationFailure unavailable = providerUnavailable(failed);
          if (unavailable == null) {
            throw failed;
          }
          if (unavailable.getDetails().getSize() > 0) {
            pay = unavailable.getDetails().get(PayView.class); // a cancellation closes it
          }
        }
      } finally {
        creatingPay = false;
      }
    }
    Workflow.await(() -> !creatingPay);
    if (pay == null || awaitsCheckout(pay)) {
      throw MallFailures.paymentProviderUnavailable(
          "the payment provider could not open a checkout for order "
              + order.orderId()
              + "; retry later: the order keeps one pay");
    }
    return pay;
  }

  private static boolean awaitsCheckout(PayView pay) {
    return pay.checkout() == null && pay.status() == PayStatus.UNPAID;
  }

  /** The provider's failure behind a spent {@code pay.create}, or null for any other failure. */
  private static ApplicationFailure providerUnavailable(ActivityFailure failed) {
    for (Throwable cause = failed.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure application
          && MallFailures.PAYMENT_PROVIDER_UNAVAILABLE.equals(application.getType())) {
        return application;
      }
    }
    return null;
  }

  PayView payCallback(PayCallback callback) {
    if (pay == null || pay.id() != callback.payId()) {
      throw MallFailures.notFound(
          "pay " + callback.payId() + " is not the pay of order " + order.orderId());
    }
    if (callback.amount() != pay.amount()) {
      throw MallFailures.invalidRequest(
          "amount "
              + callback.amount()
              + " does not match pay "
              + pay.id()
              + " amount "
              + pay.amount());
    }
    if (callback.eventId() != null
        && Workflow.getVersion(
                PROVIDER_EVENTS, Workflow.DEFAULT_VERSION, PROVIDER_EVENTS_APPLIED_ONCE)
            >= PROVIDER_EVENTS_APPLIED_ONCE) {
      return applyOnce(callback);
    }
    switch (state) {
      case AWAITING_PAYMENT -> markPaid(callback);
      case PAYING -> Workflow.await(() -> state == OrderState.PAID);
      case CANCELLING, CANCELLED -> {
        // Histories recorded before version 1 (no event id): the late payment failed the update.
        Workflow.await(() -> state == OrderState.CANCELLED);
        pay = pays.flagRefund(new PayChange(gid, pay.id(), callback.source()));
        pay = refund(pay);
        throw MallFailures.conflict(
            "order "
                + order.orderId()
                + " was cancelled before the payment arrived; pay "
                + pay.id()
                + (pay.status() == PayStatus.REFUNDED ? " is refunded" : " is flagged for refund"));
      }
      default -> {}
    }
    return pay;
  }

  /** Applies provider event {@code callback.eventId()} once; a duplicate gets the first answer. */
  private PayView applyOnce(PayCallback callback) {
    String eventId = callback.eventId();
    if (providerEvents.containsKey(eventId)) {
      Workflow.await(() -> providerEvents.get(eventId) != null);
      return providerEvents.get(eventId);
    }
    providerEvents.put(eventId, null);
    switch (state) {
      case AWAITING_PAYMENT -> markPaid(callback);
      case PAYING -> Workflow.await(() -> state == OrderState.PAID);
      case CANCELLING, CANCELLED -> {
        // The money arrived too late: the order lost the race, so the pay is flagged for refund
        // and refunded. The provider is told it was received (its pay's status says refunded), so
        // it stops delivering it.
        Workflow.await(() -> state == OrderState.CANCELLED);
        pay = pays.flagRefund(new PayChange(gid, pay.id(), callback.source()));
        log.info(
            "order {} was cancelled before event {}: pay {} flagged for refund",
            order.orderId(),
            eventId,
            pay.id());
        pay = refund(pay);
      }
      default -> {}
    }
    providerEvents.put(eventId, pay);
    return pay;
  }

  /**
   * Gives the money of {@code flagged} back through the provider ({@code pay.refund}, retried until
   * it confirms), unless this history predates {@link PayRefunds#CHANGE_ID}.
   */
  private PayView refund(PayView flagged) {
    PayView refunded = PayRefunds.refundIfVersioned(refunds, gid, flagged);
    if (refunded.status() == PayStatus.REFUNDED) {
      log.info("order {}: pay {} refunded", order.orderId(), refunded.id());
    }
    return refunded;
  }

  private void markPaid(PayCallback callback) {
    state = OrderState.PAYING;
    pay = pays.markPaid(new PayChange(gid, pay.id(), callback.source()));
    orders.markPaid(new OrderChange(gid, order.orderId()));
    state = OrderState.PAID;
    Workflow.getMetricsScope().counter(MallMetrics.ORDERS_PAID).inc(1);
    log.info("order {} paid with pay {}", order.orderId(), pay.id());
  }

  OrderState cancel() {
    switch (state) {
      case AWAITING_PAYMENT -> cancelUnpaidOrder();
      case PAYING, PAID -> throw MallFailures.conflict("order " + order.orderId() + " is paid");
      case CANCELLING, CANCELLED -> Workflow.await(() -> state == OrderState.CANCELLED);
      default -> {}
    }
    return state;
  }

  void requestCancel() {
    cancelRequested = true;
  }

  private boolean isCancelled() {
    return state == OrderState.CANCELLING || state == OrderState.CANCELLED;
  }

  /** Order invalid, its stock back, an open pay closed: each step once, thanks to the barrier. */
  private void cancelUnpaidOrder() {
    state = OrderState.CANCELLING;
    orders.cancel(new OrderChange(gid, order.orderId()));
    products.releaseStock(new StockChange(gid, request.pid(), request.num(), request.unitPrice()));
    Workflow.await(() -> !creatingPay);
    if (pay != null) {
      pay = pays.close(new PayChange(gid, pay.id(), 0));
    }
    state = OrderState.CANCELLED;
    log.info("order {} cancelled", order.orderId());
  }
}
