package com.temporalmall.api.product;

import com.temporalmall.api.temporal.DomainWrites;
import com.temporalmall.api.web.IdempotencyKey;
import com.temporalmall.api.web.IdempotencyKeys;
import com.temporalmall.api.web.JwtIssuer;
import com.temporalmall.api.web.Texts;
import com.temporalmall.workflows.product.NewProduct;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.product.ProductRemoval;
import com.temporalmall.workflows.product.ProductUpdate;
import com.temporalmall.workflows.product.ProductView;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any signed-in user may create a product and becomes its owner; only the owner may update or
 * remove it (403 otherwise). Any signed-in user may read products.
 */
@RestController
@RequestMapping(path = "/api/product", consumes = "application/json", produces = "application/json")
public class ProductController {
  @Schema(name = "ProductCreateRequest")
  public record CreateRequest(
      @NotNull
          @Size(max = 255)
          @Pattern(regexp = Texts.NOT_BLANK, message = Texts.NOT_BLANK_MESSAGE)
          String name,
      @Size(max = 2000) String desc,
      @NotNull @Min(0) @Max(1_000_000_000) Integer stock,
      @NotNull @Min(0) @Max(1_000_000_000_000L) Long amount,
      @NotNull @Min(0) @Max(127) Integer status) {}

  @Schema(name = "ProductCreateResponse")
  public record CreateResponse(long id) {}

  @Schema(name = "ProductDetailRequest")
  public record DetailRequest(@NotNull @Positive Long id) {}

  @Schema(name = "ProductUpdateRequest")
  public record UpdateRequest(
      @NotNull @Positive Long id,
      @NotNull
          @Size(max = 255)
          @Pattern(regexp = Texts.NOT_BLANK, message = Texts.NOT_BLANK_MESSAGE)
          String name,
      @Size(max = 2000) String desc,
      @NotNull @Min(0) @Max(1_000_000_000) Integer stock,
      @NotNull @Min(0) @Max(1_000_000_000_000L) Long amount,
      @NotNull @Min(0) @Max(127) Integer status) {}

  private final DomainWrites writes;
  private final ProductReads products;
  private final IdempotencyKeys keys;

  public ProductController(DomainWrites writes, ProductReads products, IdempotencyKeys keys) {
    this.writes = writes;
    this.keys = keys;
    this.products = products;
  }

  @PostMapping("/create")
  public CreateResponse create(
      @AuthenticationPrincipal Jwt token,
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody CreateRequest request) {
    IdempotencyKey.RequestId requestId =
        keys.of(idempotencyKey, "u" + JwtIssuer.uidOf(token), request);
    String workflowId = ProductContract.createWorkflowId(requestId.value());
    NewProduct product =
        new NewProduct(
            workflowId,
            JwtIssuer.uidOf(token),
            request.name(),
            request.desc() == null ? "" : request.desc(),
            request.stock(),
            request.amount(),
            request.status());
    return new CreateResponse(writes.createProduct(product, requestId.fingerprint()).id());
  }

  /** Only the product's owner (its creator) may update it; anyone signed in may read it. */
  @PostMapping("/update")
  public Map<String, Object> update(
      @AuthenticationPrincipal Jwt token, @Valid @RequestBody UpdateRequest request) {
    String workflowId = ProductContract.updateWorkflowId(DomainWrites.newRequestId());
    ProductUpdate update =
        new ProductUpdate(
            workflowId,
            JwtIssuer.uidOf(token),
            request.id(),
            request.name(),
            request.desc(),
            request.stock(),
            request.amount(),
            request.status());
    writes.updateProduct(update);
    return Map.of();
  }

  /** Only the product's owner may remove it. */
  @PostMapping("/remove")
  public Map<String, Object> remove(
      @AuthenticationPrincipal Jwt token, @Valid @RequestBody DetailRequest request) {
    String workflowId = ProductContract.removeWorkflowId(DomainWrites.newRequestId());
    ProductRemoval removal = new ProductRemoval(workflowId, JwtIssuer.uidOf(token), request.id());
    writes.removeProduct(removal);
    return Map.of();
  }

  @PostMapping("/detail")
  public ProductView detail(@Valid @RequestBody DetailRequest request) {
    return products.detail(request.id());
  }
}
