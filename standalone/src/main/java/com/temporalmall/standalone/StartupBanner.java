package com.temporalmall.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Tells a newcomer where the mall answers once everything is up. */
@Component
class StartupBanner implements ApplicationListener<ApplicationReadyEvent> {
  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    int port =
        event.getApplicationContext() instanceof WebServerApplicationContext web
            ? web.getWebServer().getPort()
            : -1;
    String base = "http://localhost:" + port;
    log.info(
        """

        ==============================================================
         temporal-mall is up (embedded default: in-process Temporal, H2)
           API         {}/api/...
           Swagger UI  {}/swagger-ui.html
           Metrics     {}/actuator/prometheus
         Try the curl lines in README.md. Stop with Ctrl+C.
        ==============================================================""",
        base,
        base,
        base);
  }
}
