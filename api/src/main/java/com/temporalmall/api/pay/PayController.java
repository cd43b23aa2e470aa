package com.temporalmall.api.pay;

import com.temporalmall.api.order.OrderReads;
import com.temporalmall.api.order.OrderView;
import com.temporalmall.api.temporal.DomainWrites;
import com.temporalmall.api.temporal.OrderPayments;
import com.temporalmall.api.web.JwtIssuer;
import com.temporalmall.api.web.Ownership;
import com.temporalmall.api.web.Problems;
import com.temporalmall.webhook.WebhookSignature;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderState;
import com.temporalmall.workflows.order.PayCallback;
import com.temporalmall.workflows.pay.PayChange;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayStatus;
import com.temporalmall.workflows.pay.PayView;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments go through the order's lifecycle workflow, which decides between payment, cancellation
 * and the payment timeout. One pay per order: a second create returns the same pay while the order
 * awaits payment; after the order is paid or cancelled it is a 409. Only the payment provider
 * confirms a payment, through its signed callback.
 */
@RestController
@RequestMapping(path = "/api/pay", consumes = "application/json", produces = "application/json")
public class PayController {
  private static final Logger log = LoggerFactory.getLogger(PayController.class);

  @Schema(name = "PayCreateRequest")
  public record CreateRequest(
      @NotNull @Positive Long oid, @NotNull @PositiveOrZero Long amount, Long uid) {}

  /** The pay, and the provider's checkout the buyer pays it on. */
  @Schema(name = "PayCreateResponse")
  public record CreateResponse(long id, String checkout) {}

  @Schema(name = "PayDetailRequest")
  public record DetailRequest(@NotNull @Positive Long id) {}

  /**
   * The pay the provider's event was applied to, and its status now (1 paid; 4 refunded, or 3
   * refund due while the refund is still being made).
   */
  @Schema(name = "PayCallbackResponse")
  public record CallbackResponse(long id, int status) {}

  /** The {@code source} a pay paid through the provider records (go-zero's pay source). */
  static final int PROVIDER_SOURCE = 1;

  private final DomainWrites writes;
  private final OrderPayments payments;
  private final OrderReads orders;
  private final PayReads pays;
  private final PayWebhooks webhooks;
  private final String currency;

  public PayController(
      DomainWrites writes,
      OrderPayments payments,
      OrderReads orders,
      PayReads pays,
      PayWebhooks webhooks,
      PayProperties properties) {
    this.writes = writes;
    this.payments = payments;
    this.orders = orders;
    this.pays = pays;
    this.webhooks = webhooks;
    this.currency = properties.currency();
  }

  @PostMapping("/create")
  public CreateResponse create(
      @AuthenticationPrincipal Jwt token, @Valid @RequestBody CreateRequest request) {
    long uid = JwtIssuer.uidOf(token);
    Ownership.requireSameUser(request.uid(), uid);
    OrderView order = orders.detail(request.oid());
    Ownership.requireOwner(order.uid(), uid, "order " + order.id());
    PayView pay =
        payments.update(
            order,
            OrderContract.Updates.CREATE_PAY,
            PayView.class,
            outcome -> {
              throw Problems.conflict(
                  "order "
                      + order.id()
                      + " is "
                      + (outcome == OrderState.PAID ? "paid" : "cancelled"));
            },
            request.amount());
    return new CreateResponse(pay.id(), pay.checkout());
  }

  @PostMapping("/detail")
  public PayView detail(
      @AuthenticationPrincipal Jwt token, @Valid @RequestBody DetailRequest request) {
    PayView pay = pays.detail(request.id());
    Ownership.requireOwner(pay.uid(), JwtIssuer.uidOf(token), "pay " + pay.id());
    return pay;
  }

  /**
   * The payment provider's event: accepted only with a valid {@value WebhookSignature#HEADER} over
   * the raw body (no bearer token is needed, and one that comes along proves nothing). A captured
   * checkout marks the pay and its order paid, once per event id; a redelivery is answered like the
   * first. A payment for an order that was cancelled first flags the pay for refund (status 3),
   * refunds it through the provider (status 4) and is answered 200 too: the provider retries until
   * it gets a 2xx, and the outcome is decided.
   */
  @PostMapping("/callback")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ProviderEvent.class)))
  public CallbackResponse callback(
      @Parameter(
              description =
                  "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + \".\" + raw body)>; stale"
                      + " beyond mall.pay.webhook-tolerance (5m) is refused",
              example = "t=1796129118,v1=5f2b...")
          @RequestHeader(name = WebhookSignature.HEADER, required = false)
          String signature,
      @RequestBody byte[] body) {
    ProviderEvent event = webhooks.verifiedEvent(signature, body);
    PayView pay = pays.detail(event.reference());
    if (!ProviderEvent.CAPTURED.equals(event.type())) {
      log.info("provider event {} of type {} changes nothing", event.id(), event.type());
      return new CallbackResponse(pay.id(), pay.status());
    }
    if (!currency.equals(event.currency()) || event.amount() != pay.amount()) {
      throw Problems.invalidRequest(
          "event "
              + event.id()
              + " is for "
              + event.amount()
              + " "
              + event.currency()
              + ", pay "
              + pay.id()
              + " is for "
              + pay.amount()
              + " "
              + currency);
    }
    if (pay.checkout() != null && !pay.checkout().equals(event.checkout())) {
      throw Problems.invalidRequest(
          "event "
              + event.id()
              + " is for checkout "
              + event.checkout()
              + ", pay "
              + pay.id()
              + " was opened as checkout "
              + pay.checkout());
    }
    OrderView order = orders.detail(pay.oid());
    PayView outcome =
        payments.update(
            order,
            OrderContract.Updates.PAY_CALLBACK,
            PayView.class,
            ended ->
                ended == OrderState.PAID ? pays.detail(pay.id()) : refundLatePayment(pay, event),
            new PayCallback(pay.id(), event.amount(), PROVIDER_SOURCE, event.id()));
    return new CallbackResponse(outcome.id(), outcome.status());
  }

  /**
   * The order's workflow ended cancelled before this payment: the pay is flagged for refund and
   * refunded by a {@code PayFlagRefund} workflow named after the event, so a redelivery starts
   * nothing new; a pay already flagged (its refund under way) or refunded is answered as it is.
   */
  private PayView refundLatePayment(PayView pay, ProviderEvent event) {
    if (pay.status() == PayStatus.REFUND_DUE || pay.status() == PayStatus.REFUNDED) {
      return pay;
    }
    String workflowId = PayContract.flagRefundWorkflowId("event-" + event.id());
    return writes.flagRefund(new PayChange(workflowId, pay.id(), PROVIDER_SOURCE));
  }
}
