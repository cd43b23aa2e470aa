package com.temporalmall.activities.testsupport;

import com.temporalmall.activities.MallDomainsConfiguration;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh, migrated database of one domain for a whole test class, on the real server of {@link
 * TestDatabases}, and on first use of {@link #bean} that domain wired on it as a worker wires it
 * ({@link MallDomainsConfiguration} with {@code mall.domains} and {@code mall.db.<domain>.*}).
 * Register it as a static field with {@code @RegisterExtension}; {@code @Nested} classes share it.
 */
public final class DomainExtension implements BeforeAllCallback, AfterAllCallback {
  private final String domain;
  private String owner;
  private TestDatabase database;
  private AnnotationConfigApplicationContext context;

  public DomainExtension(String domain) {
    this.domain = domain;
  }

  @Override
  public void beforeAll(ExtensionContext extensionContext) {
    if (database == null) {
      owner = extensionContext.getUniqueId();
      database = TestDatabases.create(domain);
    }
  }

  @Override
  public void afterAll(ExtensionContext extensionContext) {
    if (extensionContext.getUniqueId().equals(owner)) {
      if (context != null) {
        context.close();
      }
      database.close();
    }
  }

  public TestDatabase database() {
    return database;
  }

  public DataSource dataSource() {
    return database.dataSource();
  }

  /** Plain SQL on the domain's database, to see what the code under test wrote. */
  public JdbcClient jdbc() {
    return JdbcClient.create(database.dataSource());
  }

  /** A bean of the domain's configuration, e.g. its activities or a repository. */
  public synchronized <T> T bean(Class<T> type) {
    if (context == null) {
      context = new AnnotationConfigApplicationContext();
      String prefix = "mall.db." + domain + ".";
      TestPropertyValues.of(
              "mall.domains=" + domain,
              prefix + "url=" + database.url(),
              prefix + "username=" + database.username(),
              prefix + "password=" + database.password())
          .applyTo(context);
      context.register(MallDomainsConfiguration.class);
      context.refresh();
    }
    return context.getBean(type);
  }
}
