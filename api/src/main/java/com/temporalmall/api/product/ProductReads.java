package com.temporalmall.api.product;

import com.temporalmall.api.read.Rows;
import com.temporalmall.workflows.product.ProductView;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of mall_product through the API's read-only account. */
@Component
public class ProductReads {
  private final JdbcClient db;

  public ProductReads(@Qualifier("productReadDataSource") DataSource dataSource) {
    this.db = JdbcClient.create(dataSource);
  }

  /** Unknown id: 404. */
  public ProductView detail(long id) {
    return Rows.one(
        db.sql("SELECT id, name, description, stock, amount, status FROM products WHERE id = ?")
            .param(id)
            .query(
                (row, n) ->
                    new ProductView(
                        row.getLong("id"),
                        row.getString("name"),
                        row.getString("description"),
                        row.getInt("stock"),
                        row.getLong("amount"),
                        row.getInt("status"))),
        "product " + id);
  }
}
