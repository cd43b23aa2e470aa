package com.temporalmall.activities.product;

import com.temporalmall.workflows.product.ProductView;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of mall_product.products, owned by user {@code uid}; {@code createGid} binds it to the
 * workflow that created it.
 */
@Table("products")
record Product(
    @Id Long id,
    long uid,
    String name,
    String description,
    int stock,
    long amount,
    int status,
    String createGid) {
  ProductView view() {
    return new ProductView(id, name, description, stock, amount, status);
  }
}
