package com.temporalmall.standalone;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded default must start with no set-up, so when no {@code mall.jwt.secret}
 * (MALL_JWT_SECRET) is configured it signs with a random secret drawn once per run: tokens die with
 * the process, which suits in-memory state that dies with it too. Drawn here, once, because a
 * {@code ${random.*}} placeholder would resolve to a new value every time it is read.
 */
public class DevelopmentJwtSecret implements EnvironmentPostProcessor {
  static final String PROPERTY = "mall.jwt.secret";

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
                "developmentJwtSecret",
                Map.of(PROPERTY, Base64.getEncoder().encodeToString(secret))));
  }
}
