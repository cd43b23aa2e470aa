package com.temporalmall.activities.product;

import com.temporalmall.workflows.product.NewProduct;
import com.temporalmall.workflows.product.ProductView;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

class ProductRepository {
  private static final String VIEW =
      "SELECT id, name, description AS \"desc\", stock, amount, status FROM products";

  private final JdbcClient jdbc;

  ProductRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(NewProduct product) {
    jdbc.sql(
            "INSERT INTO products (name, description, stock, amount, status, create_gid)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            product.name(),
            product.desc() == null ? "" : product.desc(),
            product.stock(),
            product.amount(),
            product.status(),
            product.gid())
        .update();
  }

  Optional<ProductView> findById(long id) {
    return jdbc.sql(VIEW + " WHERE id = ?").param(id).query(ProductView.class).optional();
  }

  Optional<ProductView> findByCreateGid(String gid) {
    return jdbc.sql(VIEW + " WHERE create_gid = ?").param(gid).query(ProductView.class).optional();
  }

  boolean exists(long id) {
    return jdbc.sql("SELECT COUNT(*) FROM products WHERE id = ?").param(id).query(Long.class).single() > 0;
  }

  /** Never below zero: the guard is in the UPDATE itself, so concurrent orders cannot oversell. */
  boolean decrementStock(long id, int num) {
    return jdbc.sql("UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?")
            .params(num, id, num)
            .update()
        == 1;
  }

  void incrementStock(long id, int num) {
    jdbc.sql("UPDATE products SET stock = stock + ? WHERE id = ?").params(num, id).update();
  }
}
