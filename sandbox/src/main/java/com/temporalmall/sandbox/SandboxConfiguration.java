package com.temporalmall.sandbox;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox provider, ready to be composed into an application: its own ({@link
 * SandboxApplication}, port 8090) or the mall's embedded default (same port as the mall).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SandboxProperties.class)
@Import(SandboxController.class)
public class SandboxConfiguration {
  @Bean(destroyMethod = "close")
  WebhookDelivery sandboxWebhookDelivery(SandboxProperties properties) {
    return new WebhookDelivery(properties, Clock.systemUTC());
  }

  @Bean
  Checkouts sandboxCheckouts(WebhookDelivery delivery, JsonMapper json) {
    return new Checkouts(delivery, json, Clock.systemUTC());
  }

  @Bean
  Refunds sandboxRefunds() {
    return new Refunds(Clock.systemUTC());
  }
}
