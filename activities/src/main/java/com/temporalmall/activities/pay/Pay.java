package com.temporalmall.activities.pay;

import com.temporalmall.workflows.pay.PayView;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of mall_pay.pays: the one pay of order {@code oid}. */
@Table("pays")
record Pay(@Id Long id, long uid, long oid, long amount, int source, int status, String checkout) {
  PayView view() {
    return new PayView(id, uid, oid, amount, source, status, checkout);
  }
}
