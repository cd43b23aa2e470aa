package com.temporalmall.workflows.order;

import com.temporalmall.workflows.rpc.DomainCallContract;
import java.util.Set;

/**
 * The order domain's Temporal contract: its task queue, its workflow types with their update,
 * signal and query names, its activity names and its workflow ids - every order name that goes on
 * the wire, in one place. Changing a value here breaks running workflows and recorded histories.
 *
 * <p>Payloads: {@link OrderWorkflow} takes an {@link OrderRequest} and completes with an {@link
 * OrderResult}; its {@link Updates#PLACEMENT} update returns a {@link PlacedOrder}, {@link
 * Updates#CREATE_PAY} takes the amount and {@link Updates#PAY_CALLBACK} a {@link PayCallback}, both
 * returning a {@link com.temporalmall.workflows.pay.PayView}; {@link Updates#CANCEL} and {@link
 * Queries#STATE} return an {@link OrderState}. Activities: {@link OrderActivities#create} takes a
 * {@link NewOrder}, {@link OrderActivities#markPaid} and {@link OrderActivities#cancel} an {@link
 * OrderChange}, {@link OrderActivities#remove} an {@link OrderRemoval}; reads return {@link
 * OrderView}. Legacy: {@link OrderSagaWorkflow} takes a {@link PlaceOrder} and returns a {@link
 * PlacedOrder}; {@link OrderLifecycleWorkflow} takes a {@link
 * OrderLifecycleWorkflow.PlacedOrderInfo}.
 */
public final class OrderContract {
  /**
   * Served by the order worker: the order activities and the {@link Workflows#ORDER} workflow,
   * which runs beside the order database so its order steps are local activities.
   */
  public static final String TASK_QUEUE = "order";

  /**
   * The legacy {@link Workflows#ORDER_SAGA} and {@link Workflows#ORDER_LIFECYCLE} run on the
   * workflow task queue.
   */
  public static final String LEGACY_TASK_QUEUE = DomainCallContract.TASK_QUEUE;

  /** {@code order-<requestId>}: the {@link Workflows#ORDER} workflow of one order. */
  public static final String WORKFLOW_ID_PREFIX = "order-";

  /** {@code order-saga-<sagaId>}: a legacy {@link Workflows#ORDER_SAGA}. */
  public static final String SAGA_WORKFLOW_ID_PREFIX = "order-saga-";

  /** {@code order-lifecycle-<sagaId>}: the legacy {@link Workflows#ORDER_LIFECYCLE} of a saga. */
  public static final String LIFECYCLE_WORKFLOW_ID_PREFIX = "order-lifecycle-";

  private OrderContract() {}

  /** Workflow types. */
  public static final class Workflows {
    /** {@link OrderWorkflow}: one execution per order, placement then payment. */
    public static final String ORDER = "Order";

    /** {@link OrderSagaWorkflow}: superseded by {@link #ORDER}, registered until drained. */
    public static final String ORDER_SAGA = "OrderSaga";

    /** {@link OrderLifecycleWorkflow}: superseded by {@link #ORDER}, registered until drained. */
    public static final String ORDER_LIFECYCLE = "OrderLifecycle";

    private Workflows() {}
  }

  /** Updates of {@link OrderWorkflow} (and, but for placement, of the legacy lifecycle). */
  public static final class Updates {
    public static final String PLACEMENT = "placement";
    public static final String CREATE_PAY = "createPay";
    public static final String PAY_CALLBACK = "payCallback";
    public static final String CANCEL = "cancel";

    private Updates() {}
  }

  /** Signals of {@link OrderWorkflow} and the legacy lifecycle. */
  public static final class Signals {
    /** For operators: cancels the order if it is still unpaid, as the payment timer would. */
    public static final String REQUEST_CANCEL = "requestCancel";

    private Signals() {}
  }

  /** Queries of {@link OrderWorkflow} and the legacy lifecycle. */
  public static final class Queries {
    public static final String STATE = "state";

    private Queries() {}
  }

  /** Activity names of {@link OrderActivities}; each is also its barrier branch. */
  public static final class Activities {
    public static final String CREATE = "order.create";
    public static final String CREATE_REVERT = "order.createRevert";
    public static final String DETAIL = "order.detail";
    public static final String LIST = "order.list";
    public static final String MARK_PAID = "order.markPaid";
    public static final String CANCEL = "order.cancel";
    public static final String REMOVE = "order.remove";

    /** Every activity name above. */
    public static final Set<String> ALL =
        Set.of(CREATE, CREATE_REVERT, DETAIL, LIST, MARK_PAID, CANCEL, REMOVE);

    private Activities() {}
  }

  /**
   * The id of an order's {@link OrderWorkflow}: readable and unique in the namespace, {@code
   * requestId} being a UUID or the client's Idempotency-Key scoped to its user. The order row's
   * {@code gid} is this id.
   */
  public static String workflowId(String requestId) {
    return WORKFLOW_ID_PREFIX + requestId;
  }

  /**
   * The request id back from an {@link OrderWorkflow} id.
   *
   * @throws IllegalArgumentException for anything else, legacy saga and lifecycle ids included
   */
  public static String requestId(String workflowId) {
    if (!workflowId.startsWith(WORKFLOW_ID_PREFIX)
        || workflowId.length() == WORKFLOW_ID_PREFIX.length()
        || isLegacySaga(workflowId)
        || workflowId.startsWith(LIFECYCLE_WORKFLOW_ID_PREFIX)) {
      throw new IllegalArgumentException("not an Order workflow id: " + workflowId);
    }
    return workflowId.substring(WORKFLOW_ID_PREFIX.length());
  }

  /** The id of a legacy {@link OrderSagaWorkflow}: the saga id is a UUID or an idempotency key. */
  public static String sagaWorkflowId(String sagaId) {
    return SAGA_WORKFLOW_ID_PREFIX + sagaId;
  }

  /** Orders placed before {@link OrderWorkflow} existed have a saga id as gid and a lifecycle. */
  public static boolean isLegacySaga(String gid) {
    return gid.startsWith(SAGA_WORKFLOW_ID_PREFIX);
  }

  /**
   * The id of the legacy {@link OrderLifecycleWorkflow} of a saga, from the saga's workflow id (or
   * its bare saga id): unique because the saga's id is, and readable next to it in the Web UI.
   */
  public static String lifecycleWorkflowId(String sagaWorkflowId) {
    return LIFECYCLE_WORKFLOW_ID_PREFIX
        + (isLegacySaga(sagaWorkflowId)
            ? sagaWorkflowId.substring(SAGA_WORKFLOW_ID_PREFIX.length())
            : sagaWorkflowId);
  }

  /**
   * The id of the DomainCall workflow running order activity {@code activity} for {@code
   * requestId}, e.g. {@code order.remove-<uuid>}.
   *
   * @throws IllegalArgumentException if {@code activity} is not an order activity
   */
  public static String callWorkflowId(String activity, String requestId) {
    return DomainCallContract.workflowId(activity, requestId, Activities.ALL);
  }

  /**
   * The activity and request id back from {@link #callWorkflowId}.
   *
   * @throws IllegalArgumentException for an id that is not a call of an order activity
   */
  public static DomainCallContract.CallId parseCallWorkflowId(String workflowId) {
    return DomainCallContract.parse(workflowId, Activities.ALL);
  }
}
