package com.temporalmall.api.temporal;

import com.temporalmall.api.web.ProblemException;
import com.temporalmall.workflows.IdempotentRequests;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderRemoval;
import com.temporalmall.workflows.order.OrderWrites;
import com.temporalmall.workflows.pay.PayChange;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.pay.PayWrites;
import com.temporalmall.workflows.product.NewProduct;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.product.ProductRemoval;
import com.temporalmall.workflows.product.ProductUpdate;
import com.temporalmall.workflows.product.ProductView;
import com.temporalmall.workflows.product.ProductWrites;
import com.temporalmall.workflows.user.NewUser;
import com.temporalmall.workflows.user.UserContract;
import com.temporalmall.workflows.user.UserView;
import com.temporalmall.workflows.user.UserWrites;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The API's typed client of the domains' single-step write workflows ({@link UserWrites}, {@link
 * ProductWrites}, {@link OrderWrites}, {@link PayWrites}): each method starts one workflow, whose
 * id is the command's gid, and waits for its result. The API holds no write credentials; it changes
 * a domain only through the worker that owns its database.
 */
@Component
public class DomainWrites {
  private final WorkflowClient client;
  private final Duration timeout;

  public DomainWrites(
      WorkflowClient client, @Value("${mall.api.call-timeout:40s}") Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** The request id of a write that carries no Idempotency-Key. */
  public static String newRequestId() {
    return UUID.randomUUID().toString();
  }

  public UserView register(NewUser user, String fingerprint) {
    return run(
        UserWrites.Register.class,
        UserContract.TASK_QUEUE,
        user.gid(),
        fingerprint,
        UserView.class,
        workflow -> WorkflowClient.start(workflow::register, user));
  }

  public ProductView createProduct(NewProduct product, String fingerprint) {
    return run(
        ProductWrites.Create.class,
        ProductContract.TASK_QUEUE,
        product.gid(),
        fingerprint,
        ProductView.class,
        workflow -> WorkflowClient.start(workflow::create, product));
  }

  public void updateProduct(ProductUpdate update) {
    run(
        ProductWrites.Update.class,
        ProductContract.TASK_QUEUE,
        update.gid(),
        null,
        Void.class,
        workflow -> WorkflowClient.start(workflow::update, update));
  }

  public void removeProduct(ProductRemoval removal) {
    run(
        ProductWrites.Remove.class,
        ProductContract.TASK_QUEUE,
        removal.gid(),
        null,
        Void.class,
        workflow -> WorkflowClient.start(workflow::remove, removal));
  }

  public void removeOrder(OrderRemoval removal) {
    run(
        OrderWrites.Remove.class,
        OrderContract.TASK_QUEUE,
        removal.gid(),
        null,
        Void.class,
        workflow -> WorkflowClient.start(workflow::remove, removal));
  }

  public PayView flagRefund(PayChange refund) {
    return run(
        PayWrites.FlagRefund.class,
        PayContract.TASK_QUEUE,
        refund.gid(),
        null,
        PayView.class,
        workflow -> WorkflowClient.start(workflow::flagRefund, refund));
  }

  /**
   * Starts workflow {@code type} as {@code workflowId} (the command's gid, which the contract's id
   * function built) on {@code taskQueue} and returns its result. If that id already ran (a retried
   * request with the same Idempotency-Key), its first outcome is returned and nothing runs twice -
   * unless the first request's {@code fingerprint}, kept in the memo, differs: then 422. A workflow
   * that fails with a business failure throws a {@code WorkflowFailedException}, which the API maps
   * to its problem.
   */
  private <W, R> R run(
      Class<W> type,
      String taskQueue,
      String workflowId,
      String fingerprint,
      Class<R> result,
      Consumer<W> start) {
    W workflow =
        client.newWorkflowStub(
            type,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setMemo(IdempotentRequests.memo(Map.of(), fingerprint))
                .build());
    WorkflowStub started = client.newUntypedWorkflowStub(workflowId);
    // One deadline for the start (whose calls the SDK retries for up to a minute) and the result.
    return CallDeadline.within(
        timeout,
        () -> {
          try {
            start.accept(workflow);
          } catch (WorkflowExecutionAlreadyStarted firstAttempt) {
            KeyedRetries.requireFirstRequest(started, workflowId, fingerprint);
          }
          try {
            return started.getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, result);
          } catch (TimeoutException e) {
            throw new ProblemException(TemporalOutcomes.timedOut(workflowId));
          }
        },
        () -> new ProblemException(TemporalOutcomes.timedOut(workflowId)));
  }
}
