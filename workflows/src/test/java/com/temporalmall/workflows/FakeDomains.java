package com.temporalmall.workflows;

import com.temporalmall.workflows.order.NewOrder;
import com.temporalmall.workflows.order.OrderActivities;
import com.temporalmall.workflows.order.OrderChange;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderRemoval;
import com.temporalmall.workflows.order.OrderSagaWorkflowImpl;
import com.temporalmall.workflows.order.OrderWritesImpl;
import com.temporalmall.workflows.pay.NewPay;
import com.temporalmall.workflows.pay.PayActivities;
import com.temporalmall.workflows.pay.PayChange;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayStatus;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.pay.PayWritesImpl;
import com.temporalmall.workflows.pay.ProviderPayment;
import com.temporalmall.workflows.product.NewProduct;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.product.ProductRemoval;
import com.temporalmall.workflows.product.ProductUpdate;
import com.temporalmall.workflows.product.ProductView;
import com.temporalmall.workflows.product.ProductWritesImpl;
import com.temporalmall.workflows.product.StockChange;
import com.temporalmall.workflows.user.NewUser;
import com.temporalmall.workflows.user.UserActivities;
import com.temporalmall.workflows.user.UserContract;
import com.temporalmall.workflows.user.UserView;
import com.temporalmall.workflows.user.UserWritesImpl;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * In-memory activities of the four domains. Every call is recorded, in order, in {@link #journal},
 * and where it ran in {@link #executions}.
 */
public final class FakeDomains {
  public static final long PRICE = 250;
  public static final long ORDER_ID = 42;
  public static final long PAY_ID = 100;
  public static final long PRODUCT_ID = 7;
  public static final long USER_ID = 2;

  public final List<String> journal = new CopyOnWriteArrayList<>();

  /** "activity type on task queue, local|remote", one per call of the journal. */
  public final List<String> executions = new CopyOnWriteArrayList<>();

  /** The checkout pay.create opens at the provider. */
  public static final String CHECKOUT = "co_" + PAY_ID;

  public volatile Consumer<StockChange> decrStockBehaviour = change -> {};

  /**
   * While set, pay.create fails as the pay worker does when the provider cannot be reached: a
   * retryable PaymentProviderUnavailable carrying the pay, without its checkout.
   */
  public volatile boolean providerDown;

  public volatile Blocking releaseStockBehaviour = () -> {};

  /**
   * Runs at each {@code pay.refund} attempt before it is recorded: throwing from it fails the
   * attempt, as a provider that is down does. {@link #refundAttempts} counts the attempts.
   */
  public volatile Runnable refundBehaviour = () -> {};

  public final AtomicInteger refundAttempts = new AtomicInteger();

  public volatile Blocking markPaidBehaviour = () -> {};

  /**
   * Runs at each attempt of the order database's local steps that must succeed ({@code
   * order.createRevert}, {@code order.markPaid}, {@code order.cancel}), with the activity type,
   * after it is recorded: throwing from it fails the attempt, as a hung or unreachable order
   * database does.
   */
  public volatile Consumer<String> orderChangeBehaviour = step -> {};

  /** What the provider says when a pay's checkout is queried: by default, not captured. */
  public volatile Function<PayView, ProviderPayment> queryBehaviour =
      pay -> new ProviderPayment(pay.checkout(), false, 0, "CNY", null);

  /** When set, each single-step write (the activity of a write workflow) throws it. */
  public volatile ApplicationFailure writeRejection;

  /** How many more single-step writes fail with a technical (retryable) error first. */
  public final AtomicInteger writeOutages = new AtomicInteger();

  public interface Blocking {
    void run() throws InterruptedException;
  }

  /**
   * As the domain workers do: each domain's queue serves its workflows and, beside them, its
   * activities, so the workflows' local activities run there.
   */
  public void serveOn(TestWorkflowEnvironment env) {
    serve(
        env, OrderContract.TASK_QUEUE, orders, OrderSagaWorkflowImpl.class, OrderWritesImpl.class);
    serve(env, ProductContract.TASK_QUEUE, products, ProductWritesImpl.class);
    serve(env, PayContract.TASK_QUEUE, pays, PayWritesImpl.class);
    serve(env, UserContract.TASK_QUEUE, users, UserWritesImpl.class);
  }

  private static void serve(
      TestWorkflowEnvironment env, String taskQueue, Object activities, Class<?>... workflows) {
    Worker worker = env.newWorker(taskQueue);
    worker.registerWorkflowImplementationTypes(workflows);
    worker.registerActivitiesImplementations(activities);
  }

  private void record(String call) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    executions.add(
        info.getActivityType()
            + " on "
            + info.getActivityTaskQueue()
            + (info.isLocal() ? ", local" : ", remote"));
    journal.add(call);
  }

  private void recordWrite(String call) {
    record(call);
    if (writeOutages.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      throw new IllegalStateException("the domain database does not answer");
    }
    ApplicationFailure rejection = writeRejection;
    if (rejection != null) {
      throw rejection;
    }
  }

  public final OrderActivities orders =
      new OrderActivities() {
        @Override
        public long create(NewOrder order) {
          record(
              OrderContract.Activities.CREATE
                  + " "
                  + order.gid()
                  + " num="
                  + order.num()
                  + " amount="
                  + order.amount());
          return ORDER_ID;
        }

        @Override
        public void createRevert(String gid) {
          record(OrderContract.Activities.CREATE_REVERT + " " + gid);
          orderChangeBehaviour.accept(OrderContract.Activities.CREATE_REVERT);
        }

        @Override
        public void markPaid(OrderChange change) {
          record(OrderContract.Activities.MARK_PAID + " " + change.orderId());
          orderChangeBehaviour.accept(OrderContract.Activities.MARK_PAID);
        }

        @Override
        public void cancel(OrderChange change) {
          record(OrderContract.Activities.CANCEL + " " + change.orderId());
          orderChangeBehaviour.accept(OrderContract.Activities.CANCEL);
        }

        @Override
        public void remove(OrderRemoval removal) {
          recordWrite(OrderContract.Activities.REMOVE + " " + removal.orderId());
        }
      };

  public final PayActivities pays =
      new PayActivities() {
        @Override
        public PayView create(NewPay pay) {
          record(PayContract.Activities.CREATE + " " + pay.oid() + " amount=" + pay.amount());
          if (providerDown) {
            throw ApplicationFailure.newFailure(
                "the payment provider cannot be reached",
                MallFailures.PAYMENT_PROVIDER_UNAVAILABLE,
                new PayView(PAY_ID, pay.uid(), pay.oid(), pay.amount(), 0, PayStatus.UNPAID, null));
          }
          return new PayView(
              PAY_ID, pay.uid(), pay.oid(), pay.amount(), 0, PayStatus.UNPAID, CHECKOUT);
        }

        @Override
        public PayView markPaid(PayChange change) {
          record(PayContract.Activities.MARK_PAID + " " + change.payId());
          try {
            markPaidBehaviour.run();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new PayView(
              change.payId(), 1, ORDER_ID, 500, change.source(), PayStatus.PAID, null);
        }

        @Override
        public PayView close(PayChange change) {
          record(PayContract.Activities.CLOSE + " " + change.payId());
          return new PayView(change.payId(), 1, ORDER_ID, 500, 0, PayStatus.CLOSED, null);
        }

        @Override
        public PayView flagRefund(PayChange change) {
          recordWrite(PayContract.Activities.FLAG_REFUND + " " + change.payId());
          return new PayView(
              change.payId(), 1, ORDER_ID, 500, change.source(), PayStatus.REFUND_DUE, null);
        }

        @Override
        public PayView refund(PayChange change) {
          refundAttempts.incrementAndGet();
          refundBehaviour.run();
          record(PayContract.Activities.REFUND + " " + change.gid() + " " + change.payId());
          return new PayView(
              change.payId(), 1, ORDER_ID, 500, change.source(), PayStatus.REFUNDED, null);
        }

        @Override
        public ProviderPayment query(PayView pay) {
          record(PayContract.Activities.QUERY + " " + pay.id());
          return queryBehaviour.apply(pay);
        }
      };

  public final ProductActivities products =
      new ProductActivities() {
        @Override
        public ProductView create(NewProduct product) {
          recordWrite(ProductContract.Activities.CREATE + " " + product.name());
          return new ProductView(
              PRODUCT_ID,
              product.name(),
              product.desc(),
              product.stock(),
              product.amount(),
              product.status());
        }

        @Override
        public void decrStock(StockChange change) {
          record(
              ProductContract.Activities.DECR_STOCK + " " + change.gid() + " num=" + change.num());
          decrStockBehaviour.accept(change);
        }

        @Override
        public void decrStockRevert(StockChange change) {
          record(
              ProductContract.Activities.DECR_STOCK_REVERT
                  + " "
                  + change.gid()
                  + " num="
                  + change.num());
        }

        @Override
        public void releaseStock(StockChange change) {
          record(
              ProductContract.Activities.RELEASE_STOCK
                  + " "
                  + change.pid()
                  + " num="
                  + change.num());
          try {
            releaseStockBehaviour.run();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }

        @Override
        public void update(ProductUpdate update) {
          recordWrite(ProductContract.Activities.UPDATE + " " + update.id());
        }

        @Override
        public void remove(ProductRemoval removal) {
          recordWrite(ProductContract.Activities.REMOVE + " " + removal.id());
        }
      };

  public final UserActivities users =
      new UserActivities() {
        @Override
        public UserView register(NewUser user) {
          recordWrite(UserContract.Activities.REGISTER + " " + user.mobile());
          return new UserView(USER_ID, user.name(), user.gender(), user.mobile());
        }
      };
}
