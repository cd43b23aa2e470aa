package com.temporalmall.standalone;

import com.temporalmall.activities.pay.HttpPaymentProvider;
import com.temporalmall.sandbox.SandboxConfiguration;
import com.temporalmall.sandbox.WebhookDelivery;
import java.net.URI;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The sandbox payment provider in the embedded default, on the mall's own port under {@code
 * /sandbox/v1}: it signs its callbacks with the mall's {@code mall.pay.webhook-secret} (application
 * .yml) and delivers them to this process's own {@code /api/pay/callback}, on whichever port it
 * listens; the pay worker opens its checkouts there. The sandbox is the provider, not a mall user:
 * its paths take no bearer token.
 */
@Configuration(proxyBeanMethods = false)
@Import(SandboxConfiguration.class)
public class EmbeddedSandbox {
  @Bean
  @Order(3)
  SecurityFilterChain sandboxProvider(HttpSecurity http) throws Exception {
    return http.securityMatcher("/sandbox/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .build();
  }

  /**
   * Once the port is known: the sandbox delivers to this process's callback, and the pay worker
   * opens its checkouts on this process's sandbox - unless {@code sandbox.webhook-url} or {@code
   * mall.pay.provider-url} say otherwise.
   */
  @EventListener
  void wireToThisProcess(WebServerInitializedEvent started) {
    Environment environment = started.getApplicationContext().getEnvironment();
    String here = "http://localhost:" + started.getWebServer().getPort();
    if (!environment.containsProperty("sandbox.webhook-url")) {
      started
          .getApplicationContext()
          .getBean(WebhookDelivery.class)
          .target(URI.create(here + "/api/pay/callback"));
    }
    if (!environment.containsProperty("mall.pay.provider-url")) {
      started
          .getApplicationContext()
          .getBeanProvider(HttpPaymentProvider.class)
          .ifAvailable(provider -> provider.baseUrl(URI.create(here + "/sandbox/v1")));
    }
  }
}
