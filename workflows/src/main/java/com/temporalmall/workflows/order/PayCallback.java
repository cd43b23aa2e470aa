package com.temporalmall.workflows.order;

/**
 * The payment provider reports the money of pay {@code payId} taken, in its event {@code eventId}
 * (the provider's id of that event, e.g. {@code evt_...}; null only in histories recorded before
 * events had ids). The order's workflow applies each event once and answers a duplicate like the
 * first.
 */
public record PayCallback(long payId, long amount, int source, String eventId) {}
