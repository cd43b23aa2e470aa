package com.temporalmall.api.read;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The API's read-only access to each domain database: one small pool per domain, opened with {@code
 * mall.read.<domain>.url/username/password} (MALL_READ_&lt;DOMAIN&gt;_*), an account that may only
 * SELECT. The pools connect on their first read, never migrate anything (the domain's worker owns
 * its schema) and are checked by the {@code db} health indicator of the readiness group. Their
 * pool's and driver's timeouts are Hikari settings bound from {@code mall.jdbc.hikari.*} (times in
 * ms, the driver's under {@code data-source-properties}; README's "Timeouts"), then {@code
 * mall.read.<domain>.hikari.*}, as Spring Boot binds {@code spring.datasource.hikari.*}.
 */
@Configuration(proxyBeanMethods = false)
public class ReadDatabases {
  /** How long a read waits for a connection unless configured: then 503 database-unavailable. */
  static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  @Bean(destroyMethod = "close")
  HikariDataSource userReadDataSource(Environment environment) {
    return open("user", environment);
  }

  @Bean(destroyMethod = "close")
  HikariDataSource productReadDataSource(Environment environment) {
    return open("product", environment);
  }

  @Bean(destroyMethod = "close")
  HikariDataSource orderReadDataSource(Environment environment) {
    return open("order", environment);
  }

  @Bean(destroyMethod = "close")
  HikariDataSource payReadDataSource(Environment environment) {
    return open("pay", environment);
  }

  static HikariDataSource open(String domain, Environment environment) {
    String prefix = "mall.read." + domain + ".";
    String url = environment.getProperty(prefix + "url");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          prefix
              + "url (MALL_READ_"
              + domain.toUpperCase(Locale.ROOT)
              + "_URL) is not set: the API reads the "
              + domain
              + " database through it");
    }
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setPoolName("mall-read-" + domain);
    dataSource.setJdbcUrl(url);
    dataSource.setUsername(environment.getProperty(prefix + "username"));
    dataSource.setPassword(environment.getProperty(prefix + "password"));
    dataSource.setMaximumPoolSize(environment.getProperty(prefix + "pool-size", Integer.class, 8));
    dataSource.setMinimumIdle(Math.min(2, dataSource.getMaximumPoolSize()));
    dataSource.setConnectionTimeout(DEFAULT_CONNECTION_TIMEOUT.toMillis());
    dataSource.setReadOnly(true);
    // A database that is down when the pool opens is answered like one that goes down later:
    // each read waits connection-timeout, then 503 (failing fast would throw Hikari's own
    // exception out of the first read instead).
    dataSource.setInitializationFailTimeout(-1);
    Binder binder = Binder.get(environment);
    binder.bind("mall.jdbc.hikari", Bindable.ofInstance(dataSource));
    binder.bind(prefix + "hikari", Bindable.ofInstance(dataSource));
    Duration connectionTimeout =
        environment.getProperty(prefix + "connection-timeout", Duration.class);
    if (connectionTimeout != null) {
      dataSource.setConnectionTimeout(connectionTimeout.toMillis());
    }
    return dataSource;
  }
}
