package com.temporalmall.activities.barrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.temporalmall.activities.DomainJdbc;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.product.ProductContract;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The barrier's semantics, run against each database the mall supports. The business effect is a
 * counter (a product's stock), so "applied exactly once" is visible.
 */
abstract class BarrierContract {
  static final BarrierKey KEY =
      BarrierKey.saga(OrderContract.workflowId("1"), ProductContract.Activities.DECR_STOCK);

  SubTransactionBarrier barrier;
  JdbcClient jdbc;

  abstract DataSource productDatabase();

  @BeforeEach
  void freshCounter() {
    DataSource dataSource = productDatabase();
    barrier =
        DomainJdbc.barrier(
            new NamedParameterJdbcTemplate(dataSource),
            new DataSourceTransactionManager(dataSource));
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql("DELETE FROM barrier").update();
    jdbc.sql("DELETE FROM products").update();
    jdbc.sql("INSERT INTO products (id, name, stock) VALUES (1, 'counter', 0)").update();
  }

  int counter() {
    return jdbc.sql("SELECT stock FROM products WHERE id = 1").query(Integer.class).single();
  }

  void addOne() {
    jdbc.sql("UPDATE products SET stock = stock + 1 WHERE id = 1").update();
  }

  void subtractOne() {
    jdbc.sql("UPDATE products SET stock = stock - 1 WHERE id = 1").update();
  }

  List<String> rows() {
    return jdbc.sql(
            "SELECT CONCAT(op, '|', reason) FROM barrier WHERE gid = ? AND branch_id = ? ORDER BY op")
        .params(KEY.gid(), KEY.branchId())
        .query(String.class)
        .list();
  }

  @Test
  void duplicateActionAppliesOnce() {
    assertThat(barrier.action(KEY, this::addOne)).isEqualTo(BarrierOutcome.APPLIED);
    assertThat(barrier.action(KEY, this::addOne)).isEqualTo(BarrierOutcome.DUPLICATE);

    assertThat(counter()).isEqualTo(1);
    assertThat(rows()).containsExactly("action|action");
  }

  @Test
  void duplicateCompensationAppliesOnce() {
    barrier.action(KEY, this::addOne);

    assertThat(barrier.compensate(KEY, this::subtractOne)).isEqualTo(BarrierOutcome.APPLIED);
    assertThat(barrier.compensate(KEY, this::subtractOne)).isEqualTo(BarrierOutcome.DUPLICATE);

    assertThat(counter()).isZero();
    assertThat(rows()).containsExactly("action|action", "compensate|compensate");
  }

  @Test
  void compensationWithoutActionIsANullCompensation() {
    assertThat(barrier.compensate(KEY, this::subtractOne))
        .isEqualTo(BarrierOutcome.NULL_COMPENSATION);

    assertThat(counter()).isZero();
    assertThat(rows()).containsExactly("action|compensate", "compensate|compensate");
  }

  @Test
  void actionArrivingAfterItsCompensationIsRefused() {
    barrier.compensate(KEY, this::subtractOne);

    assertThat(barrier.action(KEY, this::addOne))
        .isEqualTo(BarrierOutcome.REFUSED_AFTER_COMPENSATION);

    assertThat(counter()).isZero();
  }

  @Test
  void businessFailureRollsTheBarrierRowBack() {
    assertThatThrownBy(
            () ->
                barrier.action(
                    KEY,
                    () -> {
                      addOne();
                      throw new IllegalStateException("business rule broken");
                    }))
        .hasMessage("business rule broken");
    assertThat(rows()).isEmpty();
    assertThat(counter()).isZero();

    assertThat(barrier.action(KEY, this::addOne)).isEqualTo(BarrierOutcome.APPLIED);
    assertThat(counter()).isEqualTo(1);
  }
}
