package com.temporalmall.workflows.pay;

/**
 * A pay as the mall shows it. {@code checkout}: the payment provider's checkout the buyer pays
 * (null until the provider opened it, and in histories recorded before pays had one).
 */
public record PayView(
    long id, long uid, long oid, long amount, int source, int status, String checkout) {}
