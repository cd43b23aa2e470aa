package com.temporalmall.workflows.pay;

/**
 * What the payment provider says about the checkout of a pay, when the mall asks ({@link
 * PayActivities#query}): {@code captured} once the buyer paid it, then with the amount and currency
 * taken and {@code eventId}, the id of the provider's capture event - the same id its callback
 * carries, so a payment found by asking and its callback are one event, applied once.
 */
public record ProviderPayment(
    String checkout, boolean captured, long amount, String currency, String eventId) {}
