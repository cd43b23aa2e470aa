package com.temporalmall.activities.order;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of mall_order.orders; {@code gid} binds it to the saga that created it. */
@Table("orders")
record Order(@Id Long id, String gid, long uid, long pid, int num, long amount, int status) {}
