package com.temporalmall.api.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code mall.jwt.secret} (MALL_JWT_SECRET, HS256, at least 32 bytes) and token lifetime. */
@ConfigurationProperties("mall.jwt")
public record JwtProperties(String secret, @DefaultValue("24h") Duration expire) {
  public JwtProperties {
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException(
          "mall.jwt.secret is not set: export MALL_JWT_SECRET (at least 32 bytes), e.g."
              + " MALL_JWT_SECRET=$(head -c 48 /dev/urandom | base64)");
    }
    if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
      throw new IllegalStateException("mall.jwt.secret must be at least 32 bytes for HS256");
    }
  }
}
