package com.temporalmall.api.pay;

import com.temporalmall.api.order.OrderReads;
import com.temporalmall.api.order.OrderView;
import com.temporalmall.api.temporal.DomainWrites;
import com.temporalmall.api.temporal.OrderPayments;
import com.temporalmall.api.web.JwtIssuer;
import com.temporalmall.api.web.Ownership;
import com.temporalmall.api.web.Problems;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderState;
import com.temporalmall.workflows.order.PayCallback;
import com.temporalmall.workflows.pay.PayChange;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayStatus;
import com.temporalmall.workflows.pay.PayView;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments go through the order's lifecycle workflow, which decides between payment, cancellation
 * and the payment timeout. One pay per order: a second create returns the same pay while the order
 * awaits payment; after the order is paid or cancelled it is a 409.
 */
@RestController
@RequestMapping(path = "/api/pay", consumes = "application/json", produces = "application/json")
public class PayController {
  @Schema(name = "PayCreateRequest")
  public record CreateRequest(
      @NotNull @Positive Long oid, @NotNull @PositiveOrZero Long amount, Long uid) {}

  @Schema(name = "PayCreateResponse")
  public record CreateResponse(long id) {}

  @Schema(name = "PayDetailRequest")
  public record DetailRequest(@NotNull @Positive Long id) {}

  /** The provider's report: status must be 1 (paid). */
  @Schema(name = "PayCallbackRequest")
  public record CallbackRequest(
      @NotNull @Positive Long id,
      @NotNull @Positive Long oid,
      @NotNull @PositiveOrZero Long amount,
      @NotNull @Min(0) @Max(127) Integer source,
      @NotNull @Min(1) @Max(1) Integer status,
      Long uid) {}

  private final DomainWrites writes;
  private final OrderPayments payments;
  private final OrderReads orders;
  private final PayReads pays;

  public PayController(
      DomainWrites writes, OrderPayments payments, OrderReads orders, PayReads pays) {
    this.writes = writes;
    this.payments = payments;
    this.orders = orders;
    this.pays = pays;
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
    return new CreateResponse(pay.id());
  }

  @PostMapping("/detail")
  public PayView detail(
      @AuthenticationPrincipal Jwt token, @Valid @RequestBody DetailRequest request) {
    PayView pay = pays.detail(request.id());
    Ownership.requireOwner(pay.uid(), JwtIssuer.uidOf(token), "pay " + pay.id());
    return pay;
  }

  /**
   * Marks the pay and its order paid. A duplicate callback is answered 200 and changes nothing. A
   * callback for an order that was cancelled first flags the pay for refund (status 3) and is a
   * 409.
   */
  @PostMapping("/callback")
  public Map<String, Object> callback(
      @AuthenticationPrincipal Jwt token, @Valid @RequestBody CallbackRequest request) {
    long uid = JwtIssuer.uidOf(token);
    Ownership.requireSameUser(request.uid(), uid);
    PayView pay = detail(token, new DetailRequest(request.id()));
    if (pay.oid() != request.oid()) {
      throw Problems.invalidRequest(
          "pay " + pay.id() + " is not the pay of order " + request.oid());
    }
    PayCallback callback = new PayCallback(pay.id(), request.amount(), request.source(), null);
    OrderView order = orders.detail(pay.oid());
    payments.update(
        order,
        OrderContract.Updates.PAY_CALLBACK,
        PayView.class,
        outcome -> outcome == OrderState.PAID ? pay : refundLatePayment(pay, request.source()),
        callback);
    return Map.of();
  }

  private PayView refundLatePayment(PayView pay, int source) {
    if (pay.status() != PayStatus.REFUND_DUE) {
      String workflowId = PayContract.flagRefundWorkflowId(DomainWrites.newRequestId());
      PayChange refund = new PayChange(workflowId, pay.id(), source);
      writes.flagRefund(refund);
    }
    throw Problems.conflict(
        "order "
            + pay.oid()
            + " was cancelled before the payment arrived; pay "
            + pay.id()
            + " is flagged for refund");
  }
}
