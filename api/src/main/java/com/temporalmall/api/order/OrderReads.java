package com.temporalmall.api.order;

import com.temporalmall.api.read.Rows;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of mall_order through the API's read-only account. Ownership is checked by the caller. */
@Component
public class OrderReads {
  private static final String COLUMNS =
      "SELECT id, uid, pid, amount, num, status, gid FROM orders ";

  private final JdbcClient db;

  public OrderReads(@Qualifier("orderReadDataSource") DataSource dataSource) {
    this.db = JdbcClient.create(dataSource);
  }

  /** Unknown id: 404. */
  public OrderView detail(long id) {
    return Rows.one(
        db.sql(COLUMNS + "WHERE id = ?").param(id).query(OrderView.class), "order " + id);
  }

  /** The order the saga {@code gid} wrote, if it wrote one (gid is unique). */
  public Optional<OrderView> byGid(String gid) {
    return db.sql(COLUMNS + "WHERE gid = ?").param(gid).query(OrderView.class).optional();
  }

  /** The user's orders, newest first. */
  public List<OrderView> list(long uid) {
    return db.sql(COLUMNS + "WHERE uid = ? ORDER BY id DESC")
        .param(uid)
        .query(OrderView.class)
        .list();
  }
}
