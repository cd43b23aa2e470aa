package com.temporalmall.sandbox;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The sandbox provider on its own (the real-server topology): {@code java -jar
 * mall-sandbox-*-exec.jar} on port 8090 (PORT), delivering to {@code sandbox.webhook-url}
 * (SANDBOX_WEBHOOK_URL) signed with SANDBOX_WEBHOOK_SECRET - the mall's MALL_PAY_WEBHOOK_SECRET. It
 * ships no application.yml, so composing it into the embedded default changes none of that
 * application's settings.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SandboxConfiguration.class)
public class SandboxApplication {
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(SandboxApplication.class);
    app.setDefaultProperties(
        Map.of(
            "server.port", "${PORT:8090}",
            "spring.application.name", "mall-sandbox",
            "spring.threads.virtual.enabled", "true"));
    app.run(args);
  }
}
