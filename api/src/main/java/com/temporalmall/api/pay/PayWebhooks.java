package com.temporalmall.api.pay;

import com.temporalmall.api.web.ProblemException;
import com.temporalmall.api.web.ProblemType;
import com.temporalmall.api.web.Problems;
import com.temporalmall.webhook.WebhookSignature;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the raw body of a provider callback into a {@link ProviderEvent}, but only after its
 * {@value WebhookSignature#HEADER} proved it came from the provider: the signature is checked over
 * the bytes as they arrived, before anything parses them.
 */
@Component
@EnableConfigurationProperties(PayProperties.class)
public class PayWebhooks {
  private static final Logger log = LoggerFactory.getLogger(PayWebhooks.class);

  private final WebhookSignature signature;
  private final JsonMapper json;
  private final Clock clock;

  @Autowired
  public PayWebhooks(PayProperties properties, JsonMapper json) {
    this(properties, json, Clock.systemUTC());
  }

  PayWebhooks(PayProperties properties, JsonMapper json, Clock clock) {
    String secret = properties.webhookSecret();
    if (secret == null || secret.isBlank()) {
      log.warn(
          "mall.pay.webhook-secret (MALL_PAY_WEBHOOK_SECRET) is not set: every payment callback"
              + " will be refused");
      this.signature = null;
    } else {
      this.signature = new WebhookSignature(secret, properties.webhookTolerance());
    }
    this.json = json;
    this.clock = clock;
  }

  /**
   * The event in {@code body}, signed by {@code header}.
   *
   * @throws ProblemException 401 {@code invalid-signature} for a missing, malformed, stale or
   *     forged signature; 400 {@code malformed-request} for an authentic body the mall cannot read
   */
  public ProviderEvent verifiedEvent(String header, byte[] body) {
    if (signature == null) {
      throw invalid("no webhook secret is configured, so no callback can be verified");
    }
    try {
      signature.verify(header, body, clock.instant());
    } catch (WebhookSignature.Invalid e) {
      throw invalid(e.getMessage());
    }
    ProviderEvent event;
    try {
      event = json.readValue(body, ProviderEvent.class);
    } catch (JacksonException e) {
      throw malformed("the event is not valid JSON: " + e.getOriginalMessage());
    }
    if (event == null
        || event.id() == null
        || !event.id().matches(ProviderEvent.ID)
        || event.type() == null
        || event.reference() == null
        || event.reference() <= 0
        || event.amount() == null
        || event.amount() < 0
        || event.currency() == null) {
      throw malformed(
          "the event needs an id ("
              + ProviderEvent.ID
              + "), a type, a positive reference, an"
              + " amount of at least 0 and a currency");
    }
    return event;
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(Problems.of(ProblemType.INVALID_SIGNATURE, detail));
  }

  private static ProblemException malformed(String detail) {
    return new ProblemException(Problems.of(ProblemType.MALFORMED_REQUEST, detail));
  }
}
