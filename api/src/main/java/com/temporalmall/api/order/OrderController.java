package com.temporalmall.api.order;

import com.temporalmall.api.web.DomainCalls;
import com.temporalmall.api.web.IdempotencyKey;
import com.temporalmall.api.web.JwtIssuer;
import com.temporalmall.api.web.OrderSagas;
import com.temporalmall.api.web.ProblemException;
import com.temporalmall.api.web.Problems;
import com.temporalmall.workflows.TaskQueues;
import com.temporalmall.workflows.order.OrderActivities;
import com.temporalmall.workflows.order.OrderView;
import com.temporalmall.workflows.order.PlaceOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders belong to the user in the token. A body {@code uid} (accepted for go-zero clients) must
 * be that user; another user's order is 403.
 */
@RestController
@RequestMapping(path = "/api/order", consumes = "application/json", produces = "application/json")
public class OrderController {
  public record CreateRequest(
      @NotNull @Positive Long pid,
      @PositiveOrZero Long amount,
      @Min(1) @Max(1000) Integer num,
      Long uid) {}

  public record CreateResponse(long id) {}

  public record DetailRequest(@NotNull @Positive Long id) {}

  private final OrderSagas sagas;
  private final DomainCalls domains;

  public OrderController(OrderSagas sagas, DomainCalls domains) {
    this.sagas = sagas;
    this.domains = domains;
  }

  @PostMapping("/create")
  public CreateResponse create(
      @AuthenticationPrincipal Jwt token,
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody CreateRequest request) {
    long uid = JwtIssuer.uidOf(token);
    IdempotencyKey.RequestId requestId = IdempotencyKey.of(idempotencyKey, "u" + uid);
    if (request.uid() != null && request.uid() != uid) {
      throw forbidden("uid " + request.uid() + " is not the signed-in user");
    }
    int num = request.num() == null ? 1 : request.num();
    return new CreateResponse(
        sagas.place(new PlaceOrder(uid, request.pid(), num, request.amount()), requestId).orderId());
  }

  @PostMapping("/detail")
  public OrderView detail(@AuthenticationPrincipal Jwt token, @Valid @RequestBody DetailRequest request) {
    OrderView order = domains.call(TaskQueues.ORDER, OrderActivities.DETAIL, OrderView.class, request.id());
    if (order.uid() != JwtIssuer.uidOf(token)) {
      throw forbidden("order " + request.id() + " belongs to another user");
    }
    return order;
  }

  private static ProblemException forbidden(String detail) {
    return new ProblemException(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail));
  }
}
