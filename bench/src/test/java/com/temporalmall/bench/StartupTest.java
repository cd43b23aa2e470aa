package com.temporalmall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class StartupTest {
  @Test
  void theJvmsOwnStartupLineIsFoundInItsLog() {
    Matcher started =
        Startup.started(
            "2026-12-01T04:05:01Z  INFO 1 --- [main] o.s.b.w.e.tomcat.TomcatWebServer : Tomcat started\n"
                + "2026-12-01T04:05:11.454Z  INFO 5788 --- [temporal-mall-standalone] [ main]"
                + " c.t.s.MallStandaloneApplication : Started MallStandaloneApplication in 19.618"
                + " seconds (process running for 21.225)\n");

    assertThat(started).isNotNull();
    assertThat(started.group(1)).isEqualTo("19.618");
    assertThat(started.group(2)).isEqualTo("21.225");
    assertThat(Startup.started("Tomcat started on port 8080 (http)")).isNull();
  }

  @Test
  void rssComesFromVmRssInKilobytes() {
    assertThat(
            Startup.rssKb(
                "Name:\tjava\nVmPeak:\t 3000000 kB\nVmRSS:\t  289664 kB\nRssAnon: 1 kB\n"))
        .isEqualTo(289664L);
    assertThat(Startup.rssKb("Name:\tkthreadd\n")).isNull();
  }
}
