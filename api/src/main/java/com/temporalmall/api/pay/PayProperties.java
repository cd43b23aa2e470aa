package com.temporalmall.api.pay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The payment provider as the API sees it.
 *
 * @param webhookSecret {@code mall.pay.webhook-secret} (MALL_PAY_WEBHOOK_SECRET, at least 32
 *     bytes): the secret the provider signs its callbacks with. Unset, every callback is refused
 *     (401 {@code invalid-signature}) - nothing can be paid, which is safe, and a warning says so
 *     at start.
 * @param webhookTolerance {@code mall.pay.webhook-tolerance}: how far a callback's signed timestamp
 *     may be from the API's clock (default 5m), so a captured callback cannot be replayed later
 * @param currency {@code mall.pay.currency}: the currency every amount of the mall is in (default
 *     CNY); a callback in another currency is a 400
 */
@ConfigurationProperties("mall.pay")
public record PayProperties(
    String webhookSecret,
    @DefaultValue("5m") Duration webhookTolerance,
    @DefaultValue("CNY") String currency) {}
