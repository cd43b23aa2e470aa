package com.temporalmall.activities.product;

import static com.temporalmall.workflows.product.ProductContract.Activities.CREATE;
import static com.temporalmall.workflows.product.ProductContract.Activities.DECR_STOCK;
import static com.temporalmall.workflows.product.ProductContract.Activities.RELEASE_STOCK;
import static com.temporalmall.workflows.product.ProductContract.Activities.REMOVE;
import static com.temporalmall.workflows.product.ProductContract.Activities.UPDATE;

import com.temporalmall.activities.barrier.BarrierKey;
import com.temporalmall.activities.barrier.BarrierOutcome;
import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallMetrics;
import com.temporalmall.workflows.product.NewProduct;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.ProductRemoval;
import com.temporalmall.workflows.product.ProductUpdate;
import com.temporalmall.workflows.product.ProductView;
import com.temporalmall.workflows.product.StockChange;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class ProductActivitiesImpl implements ProductActivities {
  private static final Logger log = LoggerFactory.getLogger(ProductActivitiesImpl.class);

  private final ProductRepository products;
  private final SubTransactionBarrier barrier;

  ProductActivitiesImpl(ProductRepository products, SubTransactionBarrier barrier) {
    this.products = products;
    this.barrier = barrier;
  }

  @Override
  public ProductView create(NewProduct product) {
    BarrierOutcome outcome =
        barrier.action(
            BarrierKey.workflow(product.gid(), CREATE),
            () ->
                products.save(
                    new Product(
                        null,
                        product.uid(),
                        product.name(),
                        product.desc() == null ? "" : product.desc(),
                        product.stock(),
                        product.amount(),
                        product.status(),
                        product.gid())));
    log.info("barrier {} {} action: {}", product.gid(), CREATE, outcome);
    return products.findByCreateGid(product.gid()).orElseThrow().view();
  }

  @Override
  public void decrStock(StockChange change) {
    BarrierOutcome outcome;
    try {
      outcome = decrementUnderBarrier(change);
    } catch (ApplicationFailure rejected) {
      if (MallFailures.INSUFFICIENT_STOCK.equals(rejected.getType())) {
        Activity.getExecutionContext()
            .getMetricsScope()
            .counter(MallMetrics.STOCK_REJECTIONS)
            .inc(1);
      }
      throw rejected;
    }
    log.info("barrier {} {} action: {}", change.gid(), DECR_STOCK, outcome);
  }

  private BarrierOutcome decrementUnderBarrier(StockChange change) {
    return barrier.action(
        BarrierKey.saga(change.gid(), DECR_STOCK),
        () -> {
          int changed =
              products.decrementStockAtPrice(change.pid(), change.num(), change.unitPrice());
          if (changed == 0) {
            // Thrown inside the transaction so that the barrier row rolls back too: the
            // revert will then find no action row and be a null compensation.
            throw whyNotDecremented(change);
          }
        });
  }

  private ApplicationFailure whyNotDecremented(StockChange change) {
    Product product = products.findById(change.pid()).orElse(null);
    if (product == null) {
      return unknownProduct(change.pid());
    }
    if (product.amount() != change.unitPrice()) {
      return MallFailures.conflict(
          "the price of product "
              + change.pid()
              + " changed from "
              + change.unitPrice()
              + " to "
              + product.amount()
              + " while the order was placed; order again");
    }
    return MallFailures.insufficientStock(
        "product " + change.pid() + " has fewer than " + change.num() + " in stock");
  }

  @Override
  public void releaseStock(StockChange change) {
    BarrierOutcome outcome =
        barrier.action(
            BarrierKey.saga(change.gid(), RELEASE_STOCK),
            () -> products.incrementStock(change.pid(), change.num()));
    log.info("barrier {} {} action: {}", change.gid(), RELEASE_STOCK, outcome);
  }

  @Override
  public void update(ProductUpdate update) {
    BarrierOutcome outcome =
        barrier.action(
            BarrierKey.workflow(update.gid(), UPDATE),
            () -> {
              Product current = ownedBy(update.uid(), update.id());
              products.save(
                  new Product(
                      current.id(),
                      current.uid(),
                      update.name(),
                      update.desc() == null ? "" : update.desc(),
                      update.stock(),
                      update.amount(),
                      update.status(),
                      current.createGid()));
            });
    log.info("barrier {} {} action: {}", update.gid(), UPDATE, outcome);
  }

  @Override
  public void remove(ProductRemoval removal) {
    BarrierOutcome outcome =
        barrier.action(
            BarrierKey.workflow(removal.gid(), REMOVE),
            () -> products.deleteById(ownedBy(removal.uid(), removal.id()).id()));
    log.info("barrier {} {} action: {}", removal.gid(), REMOVE, outcome);
  }

  private Product ownedBy(long uid, long id) {
    Product product = products.findById(id).orElseThrow(() -> unknownProduct(id));
    if (product.uid() != uid) {
      throw MallFailures.forbidden("product " + id + " belongs to another user");
    }
    return product;
  }

  @Override
  public void decrStockRevert(StockChange change) {
    BarrierOutcome outcome =
        barrier.compensate(
            BarrierKey.saga(change.gid(), DECR_STOCK),
            () -> products.incrementStock(change.pid(), change.num()));
    log.info("barrier {} {} compensate: {}", change.gid(), DECR_STOCK, outcome);
  }

  private static ApplicationFailure unknownProduct(long id) {
    return MallFailures.notFound("product " + id + " does not exist");
  }
}
