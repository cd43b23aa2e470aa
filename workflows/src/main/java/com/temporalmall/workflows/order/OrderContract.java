package com.temporalmall.workflows.order;

/**
 * The order domain's Temporal contract: its task queue, its workflow types with their update,
 * signal and query names, its activity names and its workflow ids - every order name that goes on
 * the wire, in one place. Changing a value here breaks running workflows and recorded histories.
 *
 * <p>Payloads: {@link OrderSagaWorkflow} takes an {@link OrderRequest} and completes with an {@link
 * OrderResult}; its {@link Updates#PLACEMENT} update returns a {@link PlacedOrder}, {@link
 * Updates#CREATE_PAY} takes the amount and {@link Updates#PAY_CALLBACK} a {@link PayCallback}, both
 * returning a {@link com.temporalmall.workflows.pay.PayView}; {@link Updates#CANCEL} and {@link
 * Queries#STATE} return an {@link OrderState}. {@link OrderWrites.Remove} takes an {@link
 * OrderRemoval}. Activities: {@link OrderActivities#create} takes a {@link NewOrder}, {@link
 * OrderActivities#markPaid} and {@link OrderActivities#cancel} an {@link OrderChange}, {@link
 * OrderActivities#remove} an {@link OrderRemoval}.
 */
public final class OrderContract {
  /**
   * Served by the order worker: the order activities, the {@link Workflows#ORDER_SAGA} workflow,
   * which runs beside the order database so its order steps are local activities, and {@link
   * Workflows#REMOVE}.
   */
  public static final String TASK_QUEUE = "order";

  /** {@code order-<requestId>}: the {@link Workflows#ORDER_SAGA} workflow of one order. */
  public static final String WORKFLOW_ID_PREFIX = "order-";

  private OrderContract() {}

  /** Workflow types. */
  public static final class Workflows {
    /** {@link OrderSagaWorkflow}: one execution per order, placement saga then payment. */
    public static final String ORDER_SAGA = "OrderSaga";

    /** {@link OrderWrites.Remove}: deletes a cancelled order. */
    public static final String REMOVE = "OrderRemove";

    private Workflows() {}
  }

  /** Updates of {@link OrderSagaWorkflow}. */
  public static final class Updates {
    public static final String PLACEMENT = "placement";
    public static final String CREATE_PAY = "createPay";
    public static final String PAY_CALLBACK = "payCallback";
    public static final String CANCEL = "cancel";

    private Updates() {}
  }

  /** Signals of {@link OrderSagaWorkflow}. */
  public static final class Signals {
    /** For operators: cancels the order if it is still unpaid, as the payment timer would. */
    public static final String REQUEST_CANCEL = "requestCancel";

    private Signals() {}
  }

  /** Queries of {@link OrderSagaWorkflow}. */
  public static final class Queries {
    public static final String STATE = "state";

    private Queries() {}
  }

  /** Activity names of {@link OrderActivities}; each is also its barrier branch. */
  public static final class Activities {
    public static final String CREATE = "order.create";
    public static final String CREATE_REVERT = "order.createRevert";
    public static final String MARK_PAID = "order.markPaid";
    public static final String CANCEL = "order.cancel";
    public static final String REMOVE = "order.remove";

    private Activities() {}
  }

  /**
   * The id of an order's {@link OrderSagaWorkflow}: readable and unique in the namespace, {@code
   * requestId} being a UUID or the client's Idempotency-Key scoped to its user. The order row's
   * {@code gid} is this id.
   */
  public static String workflowId(String requestId) {
    return WORKFLOW_ID_PREFIX + requestId;
  }

  /** {@code order.remove-<requestId>}: the id of an {@link OrderWrites.Remove} workflow. */
  public static String removeWorkflowId(String requestId) {
    return Activities.REMOVE + "-" + requestId;
  }
}
