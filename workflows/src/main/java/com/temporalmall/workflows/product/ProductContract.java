package com.temporalmall.workflows.product;

import com.temporalmall.workflows.rpc.DomainCallContract;
import java.util.Set;

/**
 * The product domain's Temporal contract: its task queue, its activity names and its workflow ids.
 * The product domain has no workflow of its own: the Order workflow calls its stock steps, and the
 * API runs its other writes as a {@link com.temporalmall.workflows.rpc.DomainCallWorkflow}, whose
 * id {@link #callWorkflowId} builds.
 *
 * <p>Payloads: {@link ProductActivities#create} takes {@link NewProduct} and returns {@link
 * ProductView}; {@link ProductActivities#detail} takes a product id and returns {@link
 * ProductView}; the stock steps ({@link ProductActivities#decrStock}, {@link
 * ProductActivities#decrStockRevert}, {@link ProductActivities#releaseStock}) take a {@link
 * StockChange}; {@link ProductActivities#update} takes {@link ProductUpdate}; {@link
 * ProductActivities#remove} takes {@link ProductRemoval}.
 */
public final class ProductContract {
  /** Served only by the product worker, which alone holds the product database's credentials. */
  public static final String TASK_QUEUE = "product";

  private ProductContract() {}

  /** Activity names of {@link ProductActivities}; each is also its barrier branch. */
  public static final class Activities {
    public static final String CREATE = "product.create";
    public static final String DETAIL = "product.detail";
    public static final String DECR_STOCK = "product.decrStock";
    public static final String DECR_STOCK_REVERT = "product.decrStockRevert";
    public static final String RELEASE_STOCK = "product.releaseStock";
    public static final String UPDATE = "product.update";
    public static final String REMOVE = "product.remove";

    /** Every activity name above. */
    public static final Set<String> ALL =
        Set.of(CREATE, DETAIL, DECR_STOCK, DECR_STOCK_REVERT, RELEASE_STOCK, UPDATE, REMOVE);

    private Activities() {}
  }

  /**
   * The id of the DomainCall workflow running product activity {@code activity} for {@code
   * requestId}, e.g. {@code product.create-<uuid>}.
   *
   * @throws IllegalArgumentException if {@code activity} is not a product activity
   */
  public static String callWorkflowId(String activity, String requestId) {
    return DomainCallContract.workflowId(activity, requestId, Activities.ALL);
  }

  /**
   * The activity and request id back from {@link #callWorkflowId}.
   *
   * @throws IllegalArgumentException for an id that is not a call of a product activity
   */
  public static DomainCallContract.CallId parseCallWorkflowId(String workflowId) {
    return DomainCallContract.parse(workflowId, Activities.ALL);
  }
}
