package com.temporalmall.workflows.order;

import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.product.NewProduct;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.ProductView;
import com.temporalmall.workflows.product.StockChange;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** In-memory order and product activities that record every call, in order, in one journal. */
final class FakeDomains {
  static final long PRICE = 250;
  static final long ORDER_ID = 42;

  final List<String> journal = new CopyOnWriteArrayList<>();
  volatile Consumer<StockChange> decrStockBehaviour = change -> {};
  volatile boolean productExists = true;

  final OrderActivities orders =
      new OrderActivities() {
        @Override
        public long create(NewOrder order) {
          journal.add("order.create " + order.gid() + " num=" + order.num() + " amount=" + order.amount());
          return ORDER_ID;
        }

        @Override
        public void createRevert(String gid) {
          journal.add("order.createRevert " + gid);
        }

        @Override
        public OrderView detail(long id) {
          throw new UnsupportedOperationException();
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
          journal.add("product.detail " + id);
          if (!productExists) {
            throw MallFailures.notFound("product " + id + " does not exist");
          }
          return new ProductView(id, "kettle", "1.7 l", 10, PRICE, 1);
        }

        @Override
        public void decrStock(StockChange change) {
          journal.add("product.decrStock " + change.gid() + " num=" + change.num());
          decrStockBehaviour.accept(change);
        }

        @Override
        public void decrStockRevert(StockChange change) {
          journal.add("product.decrStockRevert " + change.gid() + " num=" + change.num());
        }
      };
}
