package com.temporalmall.api.pay;

import com.temporalmall.api.read.Rows;
import com.temporalmall.workflows.pay.PayView;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of mall_pay through the API's read-only account. Ownership is checked by the caller. */
@Component
public class PayReads {
  private final JdbcClient db;

  public PayReads(@Qualifier("payReadDataSource") DataSource dataSource) {
    this.db = JdbcClient.create(dataSource);
  }

  /** Unknown id: 404. */
  public PayView detail(long id) {
    return Rows.one(
        db.sql("SELECT id, uid, oid, amount, source, status, checkout FROM pays WHERE id = ?")
            .param(id)
            .query(PayView.class),
        "pay " + id);
  }
}
