package com.temporalmall.standalone;

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
 * listens (unless {@code sandbox.webhook-url} says otherwise). The sandbox is the provider, not a
 * mall user: its paths take no bearer token.
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

  @EventListener
  void deliverToThisProcess(WebServerInitializedEvent started) {
    Environment environment = started.getApplicationContext().getEnvironment();
    if (!environment.containsProperty("sandbox.webhook-url")) {
      started
          .getApplicationContext()
          .getBean(WebhookDelivery.class)
          .target(
              URI.create(
                  "http://localhost:" + started.getWebServer().getPort() + "/api/pay/callback"));
    }
  }
}
