package com.temporalmall.workflows.product;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Activities of the product domain, served on task queue {@code product}. */
@ActivityInterface
public interface ProductActivities {

  /** Inserts a product (barrier-protected; a retried call returns the product it created). */
  @ActivityMethod(name = ProductContract.Activities.CREATE)
  ProductView create(NewProduct product);

  /** {@code NotFound} if there is no such product. */
  @ActivityMethod(name = ProductContract.Activities.DETAIL)
  ProductView detail(long id);

  /**
   * Saga action: {@code stock = stock - num where id = pid and stock >= num}, with the barrier row
   * (gid, branch {@value ProductContract.Activities#DECR_STOCK}, action) in the same local
   * transaction. No row changed is {@code InsufficientStock} (or {@code NotFound}), and the barrier
   * row is rolled back with it.
   */
  @ActivityMethod(name = ProductContract.Activities.DECR_STOCK)
  void decrStock(StockChange change);

  /** Saga compensation of {@link #decrStock}: {@code stock = stock + num}, at most once. */
  @ActivityMethod(name = ProductContract.Activities.DECR_STOCK_REVERT)
  void decrStockRevert(StockChange change);

  /**
   * Gives back the stock of a cancelled order ({@code stock = stock + num}), at most once per gid.
   */
  @ActivityMethod(name = ProductContract.Activities.RELEASE_STOCK)
  void releaseStock(StockChange change);

  /** {@code Forbidden} unless {@code uid} owns the product; {@code NotFound} if it is gone. */
  @ActivityMethod(name = ProductContract.Activities.UPDATE)
  void update(ProductUpdate update);

  /** {@code Forbidden} unless {@code uid} owns the product; {@code NotFound} if it is gone. */
  @ActivityMethod(name = ProductContract.Activities.REMOVE)
  void remove(ProductRemoval removal);
}
