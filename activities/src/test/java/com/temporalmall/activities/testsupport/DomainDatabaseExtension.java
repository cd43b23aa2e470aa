package com.temporalmall.activities.testsupport;

import com.temporalmall.activities.DomainDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, migrated database of one domain for a whole test class, on the real server of {@link
 * TestDatabases}. Register it as a static field with {@code @RegisterExtension}.
 */
public final class DomainDatabaseExtension implements BeforeAllCallback, AfterAllCallback {
  private final String domain;
  private TestDatabase database;
  private DomainDatabase domainDatabase;

  public DomainDatabaseExtension(String domain) {
    this.domain = domain;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    database = TestDatabases.create(domain);
    domainDatabase = DomainDatabase.of(database.dataSource());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (database != null) {
      database.close();
    }
  }

  public TestDatabase database() {
    return database;
  }

  public DataSource dataSource() {
    return database.dataSource();
  }

  public DomainDatabase domainDatabase() {
    return domainDatabase;
  }
}
