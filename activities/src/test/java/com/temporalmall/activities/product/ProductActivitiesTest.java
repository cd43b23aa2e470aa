package com.temporalmall.activities.product;

import static com.temporalmall.activities.ActivityTesting.failureType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.temporalmall.activities.ActivityTesting;
import com.temporalmall.activities.testsupport.DomainExtension;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.product.NewProduct;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.product.ProductRemoval;
import com.temporalmall.workflows.product.ProductUpdate;
import com.temporalmall.workflows.product.ProductView;
import com.temporalmall.workflows.product.StockChange;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProductActivitiesTest {
  private static final long OWNER = 5;
  private static final long PRICE = 1999;

  @RegisterExtension static final DomainExtension DOMAIN = new DomainExtension("product");

  @RegisterExtension final ActivityTesting activities = new ActivityTesting();
  private final ProductRepository repository = DOMAIN.bean(ProductRepository.class);
  private ProductActivities products;

  @BeforeEach
  void stub() {
    products = activities.stub(ProductActivities.class, DOMAIN.bean(ProductActivities.class));
  }

  private long productWithStock(String gid, int stock) {
    return products.create(new NewProduct(gid, OWNER, "kettle", "1.7 l", stock, PRICE, 1)).id();
  }

  private int stock(long id) {
    return repository.findById(id).orElseThrow().stock();
  }

  private List<String> barrierRows(String gid) {
    return DOMAIN
        .jdbc()
        .sql(
            "SELECT CONCAT(op, '|', reason) FROM barrier WHERE gid = ? AND branch_id = ? ORDER BY op")
        .params(gid, ProductContract.Activities.DECR_STOCK)
        .query(String.class)
        .list();
  }

  @Test
  void createIsIdempotentPerWorkflow() {
    long first = productWithStock("create-1", 5);

    assertThat(productWithStock("create-1", 5)).isEqualTo(first);
    assertThat(stock(first)).isEqualTo(5);
  }

  @Test
  void decrStockTakesTheRequestedQuantity() {
    long id = productWithStock("create-2", 10);

    products.decrStock(new StockChange("saga-2", id, 3, PRICE));
    products.decrStock(new StockChange("saga-2", id, 3, PRICE));

    assertThat(stock(id)).as("the retry of the same saga changed nothing").isEqualTo(7);
  }

  @Test
  void insufficientStockLeavesNoTraceAndItsRevertIsANullCompensation() {
    long id = productWithStock("create-3", 2);

    Throwable failure =
        catchThrowable(() -> products.decrStock(new StockChange("saga-3", id, 3, PRICE)));

    assertThat(failureType(failure)).isEqualTo(MallFailures.INSUFFICIENT_STOCK);
    assertThat(barrierRows("saga-3")).isEmpty();
    assertThat(stock(id)).isEqualTo(2);

    products.decrStockRevert(new StockChange("saga-3", id, 3, PRICE));

    assertThat(stock(id)).as("nothing to give back").isEqualTo(2);
    assertThat(barrierRows("saga-3")).containsExactly("action|compensate", "compensate|compensate");
  }

  @Test
  void aChangedPriceIsAConflictAndTakesNothing() {
    long id = productWithStock("create-4", 10);

    Throwable failure =
        catchThrowable(() -> products.decrStock(new StockChange("saga-4", id, 1, PRICE - 1)));

    assertThat(failureType(failure)).isEqualTo(MallFailures.CONFLICT);
    assertThat(barrierRows("saga-4")).isEmpty();
    assertThat(stock(id)).isEqualTo(10);
  }

  @Test
  void unknownProductIsNotFound() {
    Throwable failure =
        catchThrowable(() -> products.decrStock(new StockChange("saga-5", 999_999, 1, PRICE)));

    assertThat(failureType(failure)).isEqualTo(MallFailures.NOT_FOUND);
  }

  @Test
  void revertGivesBackExactlyOnce() {
    long id = productWithStock("create-6", 10);
    products.decrStock(new StockChange("saga-6", id, 4, PRICE));

    products.decrStockRevert(new StockChange("saga-6", id, 4, PRICE));
    products.decrStockRevert(new StockChange("saga-6", id, 4, PRICE));

    assertThat(stock(id)).isEqualTo(10);
  }

  @Test
  void releaseStockGivesBackOncePerLifecycle() {
    long id = productWithStock("create-8", 10);

    products.releaseStock(new StockChange(OrderContract.workflowId("1"), id, 3, PRICE));
    products.releaseStock(new StockChange(OrderContract.workflowId("1"), id, 3, PRICE));

    assertThat(stock(id)).isEqualTo(13);
  }

  @Test
  void onlyTheOwnerUpdatesOrRemovesAProduct() {
    long id = productWithStock("create-9", 10);

    Throwable foreign =
        catchThrowable(
            () -> products.update(new ProductUpdate("update-1", OWNER + 1, id, "x", "", 1, 1, 1)));
    assertThat(failureType(foreign)).isEqualTo(MallFailures.FORBIDDEN);
    assertThat(
            failureType(
                catchThrowable(
                    () -> products.remove(new ProductRemoval("remove-1", OWNER + 1, id)))))
        .isEqualTo(MallFailures.FORBIDDEN);
    assertThat(repository.findById(id).orElseThrow().name()).isEqualTo("kettle");

    products.update(new ProductUpdate("update-2", OWNER, id, "teapot", "0.5 l", 4, 900, 1));
    assertThat(repository.findById(id).orElseThrow().view())
        .isEqualTo(new ProductView(id, "teapot", "0.5 l", 4, 900, 1));

    products.remove(new ProductRemoval("remove-2", OWNER, id));
    assertThat(repository.existsById(id)).isFalse();
  }
}
