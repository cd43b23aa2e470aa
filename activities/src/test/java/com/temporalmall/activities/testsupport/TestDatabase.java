package com.temporalmall.activities.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * A fresh database of one domain, migrated, with its own account and a SELECT-only reader account
 * (all dropped on close).
 */
public final class TestDatabase implements AutoCloseable {
  /** A database account that may only read (SELECT) this database. */
  public record Account(String username, String password) {}

  private final String name;
  private final String url;
  private final String username;
  private final String password;
  private final Account reader;
  private final HikariDataSource dataSource;
  private final Runnable dropper;

  TestDatabase(
      String name, String url, String username, String password, Account reader, Runnable dropper) {
    this.name = name;
    this.url = url;
    this.username = username;
    this.password = password;
    this.reader = reader;
    this.dropper = dropper;
    this.dataSource = new HikariDataSource();
    dataSource.setPoolName("test-" + name);
    dataSource.setJdbcUrl(url);
    dataSource.setUsername(username);
    dataSource.setPassword(password);
    dataSource.setMaximumPoolSize(20);
  }

  public String name() {
    return name;
  }

  public String url() {
    return url;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public Account reader() {
    return reader;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
    dropper.run();
  }
}
