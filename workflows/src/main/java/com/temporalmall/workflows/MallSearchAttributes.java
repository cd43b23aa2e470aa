package com.temporalmall.workflows;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.Map;

/**
 * Custom search attributes upserted by the order workflows, so the Web UI and `temporal workflow
 * list --query` can find sagas by order, user, product and status. They must be registered on the
 * namespace first: scripts/lib/temporal-server.sh does it for the dev server, the embedded default
 * registers them on its in-process server.
 */
public final class MallSearchAttributes {
  public static final SearchAttributeKey<Long> ORDER_ID = SearchAttributeKey.forLong("OrderId");
  public static final SearchAttributeKey<Long> USER_ID = SearchAttributeKey.forLong("UserId");
  public static final SearchAttributeKey<Long> PRODUCT_ID = SearchAttributeKey.forLong("ProductId");
  public static final SearchAttributeKey<String> SAGA_STATUS =
      SearchAttributeKey.forKeyword("SagaStatus");

  /** Name and type of each, for registration. */
  public static final Map<String, IndexedValueType> DEFINITIONS =
      Map.of(
          ORDER_ID.getName(), IndexedValueType.INDEXED_VALUE_TYPE_INT,
          USER_ID.getName(), IndexedValueType.INDEXED_VALUE_TYPE_INT,
          PRODUCT_ID.getName(), IndexedValueType.INDEXED_VALUE_TYPE_INT,
          SAGA_STATUS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

  /** SagaStatus values. */
  public static final class Status {
    public static final String PLACING = "PLACING";
    public static final String COMPENSATED = "COMPENSATED";
    public static final String AWAITING_PAYMENT = "AWAITING_PAYMENT";
    public static final String PAID = "PAID";
    public static final String CANCELLED = "CANCELLED";

    private Status() {}
  }

  private MallSearchAttributes() {}
}
