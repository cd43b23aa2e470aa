package com.temporalmall.activities.barrier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * DTM's sub-transaction barrier over the domain's {@code barrier} table. Temporal delivers each
 * activity at least once; the barrier makes the business SQL take effect at most once by inserting
 * a row keyed (gid, branch_id, op, barrier_id) in the same local transaction: a retry finds the key
 * taken and skips. A business exception rolls the barrier row back with everything else, so a later
 * attempt can still apply.
 */
public class SubTransactionBarrier {
  static final String ACTION = "action";
  static final String COMPENSATE = "compensate";
  private static final String BARRIER_ID = "01";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public SubTransactionBarrier(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  public BarrierOutcome action(BarrierKey key, Runnable business) {
    return transactions.execute(
        status -> {
          if (insert(key, ACTION, ACTION) == 0) {
            // Either our own earlier delivery, or a compensation that ran first and took the
            // action's key (reason 'compensate') so that this late action cannot apply.
            return COMPENSATE.equals(reasonOf(key, ACTION))
                ? BarrierOutcome.REFUSED_AFTER_COMPENSATION
                : BarrierOutcome.DUPLICATE;
          }
          business.run();
          return BarrierOutcome.APPLIED;
        });
  }

  public BarrierOutcome compensate(BarrierKey key, Runnable business) {
    return transactions.execute(
        status -> {
          // Take the action's key first: if we get it, the action never committed (null
          // compensation), and holding it refuses the action should it still arrive.
          boolean actionNeverApplied = insert(key, ACTION, COMPENSATE) > 0;
          if (insert(key, COMPENSATE, COMPENSATE) == 0) {
            return BarrierOutcome.DUPLICATE;
          }
          if (actionNeverApplied) {
            return BarrierOutcome.NULL_COMPENSATION;
          }
          business.run();
          return BarrierOutcome.APPLIED;
        });
  }

  private int insert(BarrierKey key, String op, String reason) {
    return jdbc.sql(
            "INSERT IGNORE INTO barrier (trans_type, gid, branch_id, op, barrier_id, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(key.transType(), key.gid(), key.branchId(), op, BARRIER_ID, reason)
        .update();
  }

  private String reasonOf(BarrierKey key, String op) {
    return jdbc.sql(
            "SELECT reason FROM barrier WHERE gid = ? AND branch_id = ? AND op = ? AND barrier_id = ?")
        .params(key.gid(), key.branchId(), op, BARRIER_ID)
        .query(String.class)
        .single();
  }
}
