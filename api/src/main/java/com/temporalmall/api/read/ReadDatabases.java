package com.temporalmall.api.read;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The API's read-only access to each domain database: one small pool per domain, opened with {@code
 * mall.read.<domain>.url/username/password} (MALL_READ_&lt;DOMAIN&gt;_*), an account that may only
 * SELECT. The pools connect on their first read, never migrate anything (the domain's worker owns
 * its schema) and are checked by the {@code db} health indicator of the readiness group.
 */
@Configuration(proxyBeanMethods = false)
public class ReadDatabases {
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
    dataSource.setConnectionTimeout(
        environment
            .getProperty(prefix + "connection-timeout", Duration.class, Duration.ofSeconds(5))
            .toMillis());
    dataSource.setReadOnly(true);
    return dataSource;
  }
}
