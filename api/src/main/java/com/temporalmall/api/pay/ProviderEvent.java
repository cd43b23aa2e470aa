package com.temporalmall.api.pay;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An event of the payment provider, the body of {@code /api/pay/callback}: checkout {@code
 * checkout} for pay {@code reference} was captured ({@code type} {@value #CAPTURED}) for {@code
 * amount} in {@code currency} at {@code created} (unix seconds). {@code id} is the provider's id of
 * the event: a redelivery carries the same one.
 */
@Schema(
    name = "PayProviderEvent",
    description =
        "The payment provider's event, signed in the Mall-Pay-Signature header over these exact"
            + " bytes")
public record ProviderEvent(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "evt_3f9a2c", pattern = ID)
        String id,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = CAPTURED) String type,
    @Schema(example = "co_8d1e4b") String checkout,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "1") Long reference,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "1999") Long amount,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "CNY") String currency,
    @Schema(example = "1796129118") Long created) {
  /** The money of a checkout was taken. */
  public static final String CAPTURED = "checkout.captured";

  /** An event id: it names the refund workflow of a late payment, so it is kept id-safe. */
  static final String ID = "^[A-Za-z0-9_.:-]{1,64}$";
}
