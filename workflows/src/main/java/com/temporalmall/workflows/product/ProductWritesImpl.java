package com.temporalmall.workflows.product;

import com.temporalmall.workflows.WriteSteps;
import io.temporal.workflow.Workflow;

/** Each write runs its one product activity locally: one workflow task, no activity task. */
public class ProductWritesImpl
    implements ProductWrites.Create, ProductWrites.Update, ProductWrites.Remove {
  private final ProductActivities products =
      Workflow.newLocalActivityStub(ProductActivities.class, WriteSteps.LOCAL);

  @Override
  public ProductView create(NewProduct product) {
    return products.create(product);
  }

  @Override
  public void update(ProductUpdate update) {
    products.update(update);
  }

  @Override
  public void remove(ProductRemoval removal) {
    products.remove(removal);
  }
}
