package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DevelopmentPayWebhookSecretTest {
  @Test
  void drawsOneStrongSecretWhenNoneIsConfigured() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);

    new DevelopmentPayWebhookSecret().postProcessEnvironment(environment, null);

    String secret = environment.getProperty(DevelopmentPayWebhookSecret.PROPERTY);
    assertThat(Base64.getDecoder().decode(secret)).hasSizeGreaterThanOrEqualTo(32);
    assertThat(environment.getProperty(DevelopmentPayWebhookSecret.PROPERTY)).isEqualTo(secret);
  }

  @Test
  void keepsAConfiguredSecret() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "test",
                Map.of(
                    DevelopmentPayWebhookSecret.PROPERTY, "configured-secret-configured-secret")));

    new DevelopmentPayWebhookSecret().postProcessEnvironment(environment, null);

    assertThat(environment.getProperty(DevelopmentPayWebhookSecret.PROPERTY))
        .isEqualTo("configured-secret-configured-secret");
  }
}
