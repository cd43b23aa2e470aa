package com.temporalmall.api.product;

import com.temporalmall.api.web.DomainCalls;
import com.temporalmall.api.web.IdempotencyKey;
import com.temporalmall.api.web.JwtIssuer;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import com.temporalmall.workflows.TaskQueues;
import com.temporalmall.workflows.product.NewProduct;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.ProductView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Any signed-in user may create products for now; the product policy comes with the full mall. */
@RestController
@RequestMapping(path = "/api/product", consumes = "application/json", produces = "application/json")
public class ProductController {
  public record CreateRequest(
      @NotBlank @Size(max = 255) String name,
      @Size(max = 2000) String desc,
      @NotNull @Min(0) @Max(1_000_000_000) Integer stock,
      @NotNull @Min(0) @Max(1_000_000_000_000L) Long amount,
      @NotNull @Min(0) @Max(127) Integer status) {}

  public record CreateResponse(long id) {}

  public record DetailRequest(@NotNull @Positive Long id) {}

  private final DomainCalls domains;

  public ProductController(DomainCalls domains) {
    this.domains = domains;
  }

  @PostMapping("/create")
  public CreateResponse create(
      @AuthenticationPrincipal Jwt token,
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody CreateRequest request) {
    String workflowId =
        domains.workflowId(
            ProductActivities.CREATE,
            IdempotencyKey.of(idempotencyKey, "u" + JwtIssuer.uidOf(token)));
    NewProduct product =
        new NewProduct(
            workflowId,
            request.name(),
            request.desc() == null ? "" : request.desc(),
            request.stock(),
            request.amount(),
            request.status());
    return new CreateResponse(
        domains.call(workflowId, TaskQueues.PRODUCT, ProductActivities.CREATE, ProductView.class, product).id());
  }

  @PostMapping("/detail")
  public ProductView detail(@Valid @RequestBody DetailRequest request) {
    return domains.call(TaskQueues.PRODUCT, ProductActivities.DETAIL, ProductView.class, request.id());
  }
}
