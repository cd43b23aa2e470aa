package com.temporalmall.activities.product;

import static com.temporalmall.activities.ActivityTesting.failureType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.temporalmall.activities.ActivityTesting;
import com.temporalmall.activities.DomainDatabase;
import com.temporalmall.activities.testsupport.DomainDatabaseExtension;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.product.NewProduct;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.product.ProductRemoval;
import com.temporalmall.workflows.product.ProductUpdate;
import com.temporalmall.workflows.product.StockChange;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProductActivitiesTest {
  private static final long OWNER = 5;

  @RegisterExtension
  static final DomainDatabaseExtension DATABASE = new DomainDatabaseExtension("product");

  @RegisterExtension final ActivityTesting activities = new ActivityTesting();

  private ProductActivities products(DecrStockFault fault) {
    DomainDatabase db = DATABASE.domainDatabase();
    return activities.stub(
        ProductActivities.class,
        new ProductActivitiesImpl(db.repository(ProductRepository.class), db.barrier(), fault));
  }

  private long productWithStock(ProductActivities products, String gid, int stock) {
    return products.create(new NewProduct(gid, OWNER, "kettle", "1.7 l", stock, 1999, 1)).id();
  }

  private int stock(long id) {
    return DATABASE
        .domainDatabase()
        .jdbc()
        .sql("SELECT stock FROM products WHERE id = ?")
        .param(id)
        .query(Integer.class)
        .single();
  }

  private List<String> barrierRows(String gid) {
    return DATABASE
        .domainDatabase()
        .jdbc()
        .sql(
            "SELECT CONCAT(op, '|', reason) FROM barrier WHERE gid = ? AND branch_id = ? ORDER BY op")
        .params(gid, ProductContract.Activities.DECR_STOCK)
        .query(String.class)
        .list();
  }

  @Test
  void createIsIdempotentPerWorkflow() {
    ProductActivities products = products(DecrStockFault.NONE);
    long first = productWithStock(products, "create-1", 5);

    assertThat(productWithStock(products, "create-1", 5)).isEqualTo(first);
    assertThat(products.detail(first).stock()).isEqualTo(5);
  }

  @Test
  void decrStockTakesTheRequestedQuantity() {
    ProductActivities products = products(DecrStockFault.NONE);
    long id = productWithStock(products, "create-2", 10);

    products.decrStock(new StockChange("saga-2", id, 3));
    products.decrStock(new StockChange("saga-2", id, 3));

    assertThat(stock(id)).as("the retry of the same saga changed nothing").isEqualTo(7);
  }

  @Test
  void insufficientStockLeavesNoTraceAndItsRevertIsANullCompensation() {
    ProductActivities products = products(DecrStockFault.NONE);
    long id = productWithStock(products, "create-3", 2);

    Throwable failure = catchThrowable(() -> products.decrStock(new StockChange("saga-3", id, 3)));

    assertThat(failureType(failure)).isEqualTo(MallFailures.INSUFFICIENT_STOCK);
    assertThat(barrierRows("saga-3")).isEmpty();
    assertThat(stock(id)).isEqualTo(2);

    products.decrStockRevert(new StockChange("saga-3", id, 3));

    assertThat(stock(id)).as("nothing to give back").isEqualTo(2);
    assertThat(barrierRows("saga-3")).containsExactly("action|compensate", "compensate|compensate");
  }

  @Test
  void unknownProductIsNotFound() {
    Throwable failure =
        catchThrowable(
            () -> products(DecrStockFault.NONE).decrStock(new StockChange("saga-4", 999_999, 1)));

    assertThat(failureType(failure)).isEqualTo(MallFailures.NOT_FOUND);
  }

  @Test
  void revertGivesBackExactlyOnce() {
    ProductActivities products = products(DecrStockFault.NONE);
    long id = productWithStock(products, "create-5", 10);
    products.decrStock(new StockChange("saga-5", id, 4));

    products.decrStockRevert(new StockChange("saga-5", id, 4));
    products.decrStockRevert(new StockChange("saga-5", id, 4));

    assertThat(stock(id)).isEqualTo(10);
  }

  @Test
  void nonRetryableFaultFailsAfterTheCommit() {
    ProductActivities products = products(DecrStockFault.NON_RETRYABLE_AFTER_COMMIT);
    long id = productWithStock(products, "create-6", 10);

    Throwable failure = catchThrowable(() -> products.decrStock(new StockChange("saga-6", id, 2)));

    assertThat(failureType(failure)).isEqualTo(MallFailures.INJECTED_FAULT);
    assertThat(stock(id)).as("committed before the fault").isEqualTo(8);
  }

  @Test
  void retryableFaultIsRetriedAndTheBarrierSkipsTheDuplicate() {
    ProductActivities products = products(DecrStockFault.RETRYABLE_AFTER_COMMIT);
    long id = productWithStock(products, "create-7", 10);

    products.decrStock(new StockChange("saga-7", id, 2));

    assertThat(stock(id)).isEqualTo(8);
    assertThat(barrierRows("saga-7")).containsExactly("action|action");
  }

  @Test
  void faultSwitchIsReadFromItsDocumentedSetting() {
    org.springframework.mock.env.MockEnvironment environment =
        new org.springframework.mock.env.MockEnvironment();
    assertThat(DecrStockFault.from(environment)).isEqualTo(DecrStockFault.NONE);
    environment.setProperty("mall.product.fault.decr-stock", "retryable-after-commit");
    assertThat(DecrStockFault.from(environment)).isEqualTo(DecrStockFault.RETRYABLE_AFTER_COMMIT);
  }

  @Test
  void releaseStockGivesBackOncePerLifecycle() {
    ProductActivities products = products(DecrStockFault.NONE);
    long id = productWithStock(products, "create-8", 10);

    products.releaseStock(new StockChange(OrderContract.workflowId("1"), id, 3));
    products.releaseStock(new StockChange(OrderContract.workflowId("1"), id, 3));

    assertThat(stock(id)).isEqualTo(13);
  }

  @Test
  void onlyTheOwnerUpdatesOrRemovesAProduct() {
    ProductActivities products = products(DecrStockFault.NONE);
    long id = productWithStock(products, "create-9", 10);

    Throwable foreign =
        catchThrowable(
            () -> products.update(new ProductUpdate("update-1", OWNER + 1, id, "x", "", 1, 1, 1)));
    assertThat(failureType(foreign)).isEqualTo(MallFailures.FORBIDDEN);
    assertThat(
            failureType(
                catchThrowable(
                    () -> products.remove(new ProductRemoval("remove-1", OWNER + 1, id)))))
        .isEqualTo(MallFailures.FORBIDDEN);
    assertThat(products.detail(id).name()).isEqualTo("kettle");

    products.update(new ProductUpdate("update-2", OWNER, id, "teapot", "0.5 l", 4, 900, 1));
    assertThat(products.detail(id))
        .isEqualTo(
            new com.temporalmall.workflows.product.ProductView(id, "teapot", "0.5 l", 4, 900, 1));

    products.remove(new ProductRemoval("remove-2", OWNER, id));
    assertThat(failureType(catchThrowable(() -> products.detail(id))))
        .isEqualTo(MallFailures.NOT_FOUND);
  }
}
