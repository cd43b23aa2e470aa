package com.temporalmall.workflows.product;

/**
 * The product domain's Temporal contract: its task queue, workflow types, activity names and
 * workflow ids. The order saga calls its stock steps; the API asks for its other writes through
 * {@link ProductWrites}.
 *
 * <p>Payloads: {@link ProductWrites.Create} takes {@link NewProduct} and returns {@link
 * ProductView}, {@link ProductWrites.Update} takes {@link ProductUpdate}, {@link
 * ProductWrites.Remove} takes {@link ProductRemoval}, each running the activity of the same name;
 * the stock steps ({@link ProductActivities#decrStock}, {@link ProductActivities#decrStockRevert},
 * {@link ProductActivities#releaseStock}) take a {@link StockChange}.
 */
public final class ProductContract {
  /** Served only by the product worker, which alone holds the product database's credentials. */
  public static final String TASK_QUEUE = "product";

  private ProductContract() {}

  /** Workflow types of {@link ProductWrites}. */
  public static final class Workflows {
    public static final String CREATE = "ProductCreate";
    public static final String UPDATE = "ProductUpdate";
    public static final String REMOVE = "ProductRemove";

    private Workflows() {}
  }

  /** Activity names of {@link ProductActivities}; each is also its barrier branch. */
  public static final class Activities {
    public static final String CREATE = "product.create";
    public static final String DECR_STOCK = "product.decrStock";
    public static final String DECR_STOCK_REVERT = "product.decrStockRevert";
    public static final String RELEASE_STOCK = "product.releaseStock";
    public static final String UPDATE = "product.update";
    public static final String REMOVE = "product.remove";

    private Activities() {}
  }

  /** {@code product.create-<requestId>}: the id of a {@link ProductWrites.Create} workflow. */
  public static String createWorkflowId(String requestId) {
    return Activities.CREATE + "-" + requestId;
  }

  /** {@code product.update-<requestId>}: the id of a {@link ProductWrites.Update} workflow. */
  public static String updateWorkflowId(String requestId) {
    return Activities.UPDATE + "-" + requestId;
  }

  /** {@code product.remove-<requestId>}: the id of a {@link ProductWrites.Remove} workflow. */
  public static String removeWorkflowId(String requestId) {
    return Activities.REMOVE + "-" + requestId;
  }
}
