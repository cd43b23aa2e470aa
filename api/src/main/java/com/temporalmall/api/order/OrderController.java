package com.temporalmall.api.order;

import com.temporalmall.api.temporal.DomainWrites;
import com.temporalmall.api.temporal.OrderPayments;
import com.temporalmall.api.temporal.OrderPlacements;
import com.temporalmall.api.temporal.OrderPlacements.PlaceOrder;
import com.temporalmall.api.web.IdempotencyKey;
import com.temporalmall.api.web.IdempotencyKeys;
import com.temporalmall.api.web.JwtIssuer;
import com.temporalmall.api.web.Ownership;
import com.temporalmall.api.web.Problems;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderRemoval;
import com.temporalmall.workflows.order.OrderState;
import com.temporalmall.workflows.order.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders belong to the user in the token. A body {@code uid} (accepted for go-zero clients) must be
 * that user; another user's order is 403.
 */
@RestController
@RequestMapping(path = "/api/order", consumes = "application/json", produces = "application/json")
public class OrderController {
  @Schema(name = "OrderCreateRequest")
  public record CreateRequest(
      @NotNull @Positive Long pid,
      @PositiveOrZero Long amount,
      @Min(1) @Max(1000) Integer num,
      Long uid) {}

  @Schema(name = "OrderCreateResponse")
  public record CreateResponse(long id) {}

  @Schema(name = "OrderIdRequest")
  public record IdRequest(@NotNull @Positive Long id) {}

  /** pid and amount are fixed by the saga: when sent they must match. status 9 cancels. */
  @Schema(name = "OrderUpdateRequest")
  public record UpdateRequest(
      @NotNull @Positive Long id,
      @Positive Long pid,
      @PositiveOrZero Long amount,
      @Min(0) @Max(9) Integer status) {}

  @Schema(name = "OrderListRequest")
  public record ListRequest(Long uid) {}

  private final OrderPlacements placements;
  private final DomainWrites writes;
  private final OrderPayments payments;
  private final OrderReads orders;
  private final IdempotencyKeys keys;

  public OrderController(
      OrderPlacements placements,
      DomainWrites writes,
      OrderPayments payments,
      OrderReads orders,
      IdempotencyKeys keys) {
    this.keys = keys;
    this.placements = placements;
    this.writes = writes;
    this.payments = payments;
    this.orders = orders;
  }

  @PostMapping("/create")
  public CompletableFuture<CreateResponse> create(
      @AuthenticationPrincipal Jwt token,
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody CreateRequest request) {
    long uid = JwtIssuer.uidOf(token);
    Ownership.requireSameUser(request.uid(), uid);
    IdempotencyKey.RequestId requestId = keys.of(idempotencyKey, "u" + uid, request);
    int num = request.num() == null ? 1 : request.num();
    return placements
        .place(new PlaceOrder(uid, request.pid(), num, request.amount()), requestId)
        .thenApply(placed -> new CreateResponse(placed.orderId()));
  }

  @PostMapping("/detail")
  public OrderView detail(
      @AuthenticationPrincipal Jwt token, @Valid @RequestBody IdRequest request) {
    return ownOrder(token, request.id());
  }

  @PostMapping("/list")
  public List<OrderView> list(
      @AuthenticationPrincipal Jwt token, @RequestBody ListRequest request) {
    long uid = JwtIssuer.uidOf(token);
    Ownership.requireSameUser(request.uid(), uid);
    return orders.list(uid);
  }

  /**
   * The only change an owner can make is cancelling an unpaid order (status 9), which releases its
   * stock; paid (1) is reached through /api/pay/callback only.
   */
  @PostMapping("/update")
  public Map<String, Object> update(
      @AuthenticationPrincipal Jwt token, @Valid @RequestBody UpdateRequest request) {
    OrderView order = ownOrder(token, request.id());
    if ((request.pid() != null && request.pid() != order.pid())
        || (request.amount() != null && request.amount() != order.amount())) {
      throw Problems.invalidRequest("pid and amount of an order are fixed when it is placed");
    }
    Integer status = request.status();
    if (status == null || status == order.status()) {
      return Map.of();
    }
    if (status == OrderStatus.PAID) {
      throw Problems.invalidRequest("an order becomes paid through /api/pay/callback");
    }
    if (status != OrderStatus.INVALID) {
      throw Problems.invalidRequest(
          "status " + status + " cannot be set; send 9 to cancel an unpaid order");
    }
    payments.update(
        order,
        OrderContract.Updates.CANCEL,
        OrderState.class,
        outcome -> {
          if (outcome == OrderState.PAID) {
            throw Problems.conflict("order " + order.id() + " is paid");
          }
          return null;
        });
    return Map.of();
  }

  @PostMapping("/remove")
  public Map<String, Object> remove(
      @AuthenticationPrincipal Jwt token, @Valid @RequestBody IdRequest request) {
    String workflowId = OrderContract.removeWorkflowId(DomainWrites.newRequestId());
    OrderRemoval removal = new OrderRemoval(workflowId, JwtIssuer.uidOf(token), request.id());
    writes.removeOrder(removal);
    return Map.of();
  }

  private OrderView ownOrder(Jwt token, long id) {
    OrderView order = orders.detail(id);
    Ownership.requireOwner(order.uid(), JwtIssuer.uidOf(token), "order " + id);
    return order;
  }
}
