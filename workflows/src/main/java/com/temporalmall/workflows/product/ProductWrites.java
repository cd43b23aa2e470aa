package com.temporalmall.workflows.product;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The product domain's single-step writes, one typed workflow each, asked for by the API (which
 * holds no write credentials). They run on {@value ProductContract#TASK_QUEUE}, in the worker that
 * owns the product database, and run their one activity there as a local activity (see {@link
 * com.temporalmall.workflows.WriteSteps}); the workflow id, built by {@link ProductContract}, comes
 * from the client's Idempotency-Key or a fresh UUID, so a retried request never writes twice. The
 * activity's business failure (e.g. NotFound) is the workflow's failure.
 */
public final class ProductWrites {
  private ProductWrites() {}

  /**
   * Creates a product owned by its creator.
   *
   * <p>Steps and what compensates each: {@code product.create}, run locally - none: a single-step
   * write, made idempotent by its barrier row (gid = this workflow's id).
   */
  @WorkflowInterface
  public interface Create {
    @WorkflowMethod(name = ProductContract.Workflows.CREATE)
    ProductView create(NewProduct product);
  }

  /**
   * Updates a product; {@code Forbidden} unless the caller owns it, {@code NotFound} if it is gone.
   *
   * <p>Steps and what compensates each: {@code product.update}, run locally - none: a single-step
   * write, made idempotent by its barrier row (gid = this workflow's id).
   */
  @WorkflowInterface
  public interface Update {
    @WorkflowMethod(name = ProductContract.Workflows.UPDATE)
    void update(ProductUpdate update);
  }

  /**
   * Removes a product; {@code Forbidden} unless the caller owns it, {@code NotFound} if it is gone.
   *
   * <p>Steps and what compensates each: {@code product.remove}, run locally - none: a single-step
   * write, made idempotent by its barrier row (gid = this workflow's id).
   */
  @WorkflowInterface
  public interface Remove {
    @WorkflowMethod(name = ProductContract.Workflows.REMOVE)
    void remove(ProductRemoval removal);
  }
}
