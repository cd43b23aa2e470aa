package com.temporalmall.activities;

import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One domain's own database: opened from {@code mall.db.<domain>.url/username/password} and
 * migrated with that domain's DDL (classpath:db/mall_&lt;domain&gt;) before anything uses it.
 */
public record DomainDatabase(
    DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions, SubTransactionBarrier barrier) {

  public static HikariDataSource open(String domain, Environment environment) {
    String prefix = "mall.db." + domain + ".";
    String url = environment.getProperty(prefix + "url");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "The " + domain + " domain is enabled but " + prefix + "url (MALL_DB_"
              + domain.toUpperCase() + "_URL) is not set");
    }
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setPoolName("mall-" + domain);
    dataSource.setJdbcUrl(url);
    dataSource.setUsername(environment.getProperty(prefix + "username"));
    dataSource.setPassword(environment.getProperty(prefix + "password"));
    dataSource.setMaximumPoolSize(environment.getProperty(prefix + "pool-size", Integer.class, 10));
    migrate(domain, dataSource);
    return dataSource;
  }

  public static void migrate(String domain, DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/mall_" + domain)
        .load()
        .migrate();
  }

  public static DomainDatabase of(DataSource dataSource) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    TransactionTemplate transactions =
        new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    return new DomainDatabase(dataSource, jdbc, transactions, new SubTransactionBarrier(jdbc, transactions));
  }
}
