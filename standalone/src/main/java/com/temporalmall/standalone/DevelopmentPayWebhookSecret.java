package com.temporalmall.standalone;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded default must start with no set-up, so when no {@code mall.pay.webhook-secret}
 * (MALL_PAY_WEBHOOK_SECRET) is configured, the secret the payment provider signs its callbacks with
 * is drawn at random once per run, like {@link DevelopmentJwtSecret}: the API verifies with it and
 * the sandbox provider of the same process signs with it, and nobody else knows it.
 */
public class DevelopmentPayWebhookSecret implements EnvironmentPostProcessor {
  static final String PROPERTY = "mall.pay.webhook-secret";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    if (environment.containsProperty(PROPERTY)) {
      return;
    }
    byte[] secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                "developmentPayWebhookSecret",
                Map.of(PROPERTY, Base64.getEncoder().encodeToString(secret))));
  }
}
