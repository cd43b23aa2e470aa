package com.temporalmall.activities.order;

import com.temporalmall.workflows.order.NewOrder;
import com.temporalmall.workflows.order.OrderStatus;
import com.temporalmall.workflows.order.OrderView;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

class OrderRepository {
  private final JdbcClient jdbc;

  OrderRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(NewOrder order) {
    jdbc.sql("INSERT INTO orders (gid, uid, pid, num, amount, status) VALUES (?, ?, ?, ?, ?, ?)")
        .params(order.gid(), order.uid(), order.pid(), order.num(), order.amount(), OrderStatus.CREATED)
        .update();
  }

  Optional<Long> findIdByGid(String gid) {
    return jdbc.sql("SELECT id FROM orders WHERE gid = ?").param(gid).query(Long.class).optional();
  }

  Optional<OrderView> findById(long id) {
    return jdbc.sql("SELECT id, uid, pid, amount, num, status FROM orders WHERE id = ?")
        .param(id)
        .query(OrderView.class)
        .optional();
  }

  void invalidateByGid(String gid) {
    jdbc.sql("UPDATE orders SET status = ? WHERE gid = ?").params(OrderStatus.INVALID, gid).update();
  }
}
