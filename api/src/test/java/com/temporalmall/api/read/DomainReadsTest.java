package com.temporalmall.api.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.temporalmall.activities.DomainJdbc;
import com.temporalmall.api.order.OrderReads;
import com.temporalmall.api.order.OrderView;
import com.temporalmall.api.pay.PayReads;
import com.temporalmall.api.product.ProductReads;
import com.temporalmall.api.user.UserCredentials;
import com.temporalmall.api.user.UserReads;
import com.temporalmall.api.web.ProblemException;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.product.ProductView;
import com.temporalmall.workflows.user.UserView;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The read classes against each domain's own DDL (H2 in MySQL mode, migrated as a worker does): the
 * columns they select exist and map to the views, and they answer as the activities they replaced
 * did (unknown id: the not-found problem; order list: the user's orders, newest first).
 */
class DomainReadsTest {
  private static DataSource migrated(String domain) {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:reads_"
                + domain
                + "_"
                + UUID.randomUUID()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "sa",
            "");
    DomainJdbc.migrate(domain, dataSource);
    return dataSource;
  }

  private static void assertNotFound(Runnable read, String detail) {
    assertThatThrownBy(read::run)
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> {
              assertThat(problem.getBody().getStatus()).isEqualTo(404);
              assertThat(problem.getBody().getType().toString()).endsWith("/not-found");
              assertThat(problem.getBody().getDetail()).isEqualTo(detail);
            });
  }

  @Test
  void productDetailReadsTheDescriptionAsDesc() {
    DataSource db = migrated("product");
    new JdbcTemplate(db)
        .update(
            "INSERT INTO products (id, uid, name, description, stock, amount, status) VALUES (3, 7, 'kettle', '1.7 l', 4, 1999, 1)");
    ProductReads products = new ProductReads(db);

    assertThat(products.detail(3)).isEqualTo(new ProductView(3, "kettle", "1.7 l", 4, 1999, 1));
    assertNotFound(() -> products.detail(4), "product 4 does not exist");
  }

  @Test
  void ordersAreTheUsersOwnNewestFirst() {
    DataSource db = migrated("order");
    JdbcTemplate admin = new JdbcTemplate(db);
    admin.update(
        "INSERT INTO orders (id, gid, uid, pid, num, amount, status) VALUES (1, 'saga-1', 8, 3, 2, 500, 0)");
    admin.update(
        "INSERT INTO orders (id, gid, uid, pid, num, amount, status) VALUES (2, 'saga-2', 9, 3, 1, 250, 0)");
    admin.update(
        "INSERT INTO orders (id, gid, uid, pid, num, amount, status) VALUES (3, 'saga-3', 8, 4, 1, 100, 9)");
    OrderReads orders = new OrderReads(db);

    assertThat(orders.detail(1)).isEqualTo(new OrderView(1, 8, 3, 500, 2, 0, "saga-1"));
    assertThat(orders.list(8)).extracting(OrderView::id).containsExactly(3L, 1L);
    assertThat(orders.list(10)).isEmpty();
    assertThat(orders.byGid("saga-1")).contains(new OrderView(1, 8, 3, 500, 2, 0, "saga-1"));
    assertThat(orders.byGid("no-such-saga")).isEmpty();
    assertNotFound(() -> orders.detail(4), "order 4 does not exist");
  }

  @Test
  void userInfoAndCredentials() {
    DataSource db = migrated("user");
    new JdbcTemplate(db)
        .update(
            "INSERT INTO users (id, name, gender, mobile, password) VALUES (7, 'alice', 2, '13900000000', '$2a$hash')");
    UserReads users = new UserReads(db);

    assertThat(users.info(7)).isEqualTo(new UserView(7, "alice", 2, "13900000000"));
    assertThat(users.credentials("13900000000")).contains(new UserCredentials(7, "$2a$hash"));
    assertThat(users.credentials("13900000009")).isEqualTo(Optional.empty());
    assertNotFound(() -> users.info(8), "user 8 does not exist");
  }

  @Test
  void payDetail() {
    DataSource db = migrated("pay");
    new JdbcTemplate(db)
        .update(
            "INSERT INTO pays (id, uid, oid, amount, source, status, checkout)"
                + " VALUES (9, 8, 6, 500, 1, 3, 'co_9')");
    PayReads pays = new PayReads(db);

    assertThat(pays.detail(9)).isEqualTo(new PayView(9, 8, 6, 500, 1, 3, "co_9"));
    assertNotFound(() -> pays.detail(10), "pay 10 does not exist");
  }
}
