package com.temporalmall.workflows.order;

import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.pay.NewPay;
import com.temporalmall.workflows.pay.PayActivities;
import com.temporalmall.workflows.pay.PayChange;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayStatus;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.product.NewProduct;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.product.ProductRemoval;
import com.temporalmall.workflows.product.ProductUpdate;
import com.temporalmall.workflows.product.ProductView;
import com.temporalmall.workflows.product.StockChange;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** In-memory order, product and pay activities that record every call, in order, in one journal. */
final class FakeDomains {
  static final long PRICE = 250;
  static final long ORDER_ID = 42;
  static final long PAY_ID = 100;

  final List<String> journal = new CopyOnWriteArrayList<>();
  volatile Consumer<StockChange> decrStockBehaviour = change -> {};
  volatile boolean productExists = true;
  volatile long nextOrderId = ORDER_ID;
  volatile Blocking cancelBehaviour = () -> {};

  interface Blocking {
    void run() throws InterruptedException;
  }

  /**
   * Serves {@code workflowTypes} on the workflow task queue, these fakes on their domains' queues
   * and, as the order worker does, the Order workflow on the order queue.
   */
  void serveOn(TestWorkflowEnvironment env, Class<?>... workflowTypes) {
    env.newWorker(OrderContract.LEGACY_TASK_QUEUE)
        .registerWorkflowImplementationTypes(workflowTypes);
    io.temporal.worker.Worker orderWorker = env.newWorker(OrderContract.TASK_QUEUE);
    orderWorker.registerActivitiesImplementations(orders);
    orderWorker.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
    env.newWorker(ProductContract.TASK_QUEUE).registerActivitiesImplementations(products);
    env.newWorker(PayContract.TASK_QUEUE).registerActivitiesImplementations(pays);
  }

  final OrderActivities orders =
      new OrderActivities() {
        @Override
        public long create(NewOrder order) {
          journal.add(
              OrderContract.Activities.CREATE
                  + " "
                  + order.gid()
                  + " num="
                  + order.num()
                  + " amount="
                  + order.amount());
          return nextOrderId;
        }

        @Override
        public void createRevert(String gid) {
          journal.add(OrderContract.Activities.CREATE_REVERT + " " + gid);
        }

        @Override
        public OrderView detail(long id) {
          throw new UnsupportedOperationException();
        }

        @Override
        public List<OrderView> list(long uid) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void markPaid(OrderChange change) {
          journal.add(OrderContract.Activities.MARK_PAID + " " + change.orderId());
        }

        @Override
        public void cancel(OrderChange change) {
          journal.add(OrderContract.Activities.CANCEL + " " + change.orderId());
          try {
            cancelBehaviour.run();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }

        @Override
        public void remove(OrderRemoval removal) {
          throw new UnsupportedOperationException();
        }
      };

  final PayActivities pays =
      new PayActivities() {
        @Override
        public PayView create(NewPay pay) {
          journal.add(PayContract.Activities.CREATE + " " + pay.oid() + " amount=" + pay.amount());
          return new PayView(PAY_ID, pay.uid(), pay.oid(), pay.amount(), 0, PayStatus.UNPAID);
        }

        @Override
        public PayView detail(long id) {
          throw new UnsupportedOperationException();
        }

        @Override
        public PayView markPaid(PayChange change) {
          journal.add(PayContract.Activities.MARK_PAID + " " + change.payId());
          return new PayView(change.payId(), 1, ORDER_ID, 500, change.source(), PayStatus.PAID);
        }

        @Override
        public PayView close(PayChange change) {
          journal.add(PayContract.Activities.CLOSE + " " + change.payId());
          return new PayView(change.payId(), 1, ORDER_ID, 500, 0, PayStatus.CLOSED);
        }

        @Override
        public PayView flagRefund(PayChange change) {
          journal.add(PayContract.Activities.FLAG_REFUND + " " + change.payId());
          return new PayView(
              change.payId(), 1, ORDER_ID, 500, change.source(), PayStatus.REFUND_DUE);
        }
      };

  final ProductActivities products =
      new ProductActivities() {
        @Override
        public ProductView create(NewProduct product) {
          throw new UnsupportedOperationException();
        }

        @Override
        public ProductView detail(long id) {
          journal.add(ProductContract.Activities.DETAIL + " " + id);
          if (!productExists) {
            throw MallFailures.notFound("product " + id + " does not exist");
          }
          return new ProductView(id, "kettle", "1.7 l", 10, PRICE, 1);
        }

        @Override
        public void decrStock(StockChange change) {
          journal.add(
              ProductContract.Activities.DECR_STOCK + " " + change.gid() + " num=" + change.num());
          decrStockBehaviour.accept(change);
        }

        @Override
        public void decrStockRevert(StockChange change) {
          journal.add(
              ProductContract.Activities.DECR_STOCK_REVERT
                  + " "
                  + change.gid()
                  + " num="
                  + change.num());
        }

        @Override
        public void releaseStock(StockChange change) {
          journal.add(
              ProductContract.Activities.RELEASE_STOCK
                  + " "
                  + change.pid()
                  + " num="
                  + change.num());
        }

        @Override
        public void update(ProductUpdate update) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void remove(ProductRemoval removal) {
          throw new UnsupportedOperationException();
        }
      };
}
