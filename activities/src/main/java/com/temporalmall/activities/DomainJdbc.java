package com.temporalmall.activities;

import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.jdbc.core.convert.DataAccessStrategy;
import org.springframework.data.jdbc.core.convert.JdbcConverter;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.convert.QueryMappingConfiguration;
import org.springframework.data.jdbc.core.convert.RelationResolver;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.dialect.JdbcMySqlDialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.jdbc.repository.config.JdbcConfiguration;
import org.springframework.data.relational.RelationalManagedTypes;
import org.springframework.data.relational.core.mapping.DefaultNamingStrategy;
import org.springframework.data.relational.core.sql.IdentifierProcessing;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** How {@link DomainDatabase} builds a domain's database beans. */
public final class DomainJdbc {
  /**
   * The MySQL dialect serves MySQL, MariaDB and H2 in MySQL mode (the embedded default): backtick
   * quotes, lower-case identifiers.
   */
  public static final JdbcDialect DIALECT =
      new JdbcMySqlDialect(
          IdentifierProcessing.create(
              new IdentifierProcessing.Quoting("`"), IdentifierProcessing.LetterCasing.LOWER_CASE));

  /** Where every JDBC pool of a process reads its timeouts (README's "Timeouts"). */
  public static final String SHARED_HIKARI_SETTINGS = "mall.jdbc.hikari";

  private DomainJdbc() {}

  /**
   * The domain's database from {@code mall.db.<domain>.url/username/password/pool-size}, migrated
   * before anything uses it. Its pool's and driver's timeouts are Hikari settings bound from {@code
   * mall.jdbc.hikari.*} (every pool of the process), then {@code mall.db.<domain>.hikari.*}.
   */
  public static HikariDataSource open(String domain, Environment environment) {
    String prefix = "mall.db." + domain + ".";
    String url = environment.getProperty(prefix + "url");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "The "
              + domain
              + " domain is enabled but "
              + prefix
              + "url (MALL_DB_"
              + domain.toUpperCase(Locale.ROOT)
              + "_URL) is not set");
    }
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setPoolName("mall-" + domain);
    dataSource.setJdbcUrl(url);
    dataSource.setUsername(environment.getProperty(prefix + "username"));
    dataSource.setPassword(environment.getProperty(prefix + "password"));
    dataSource.setMaximumPoolSize(environment.getProperty(prefix + "pool-size", Integer.class, 10));
    bindHikariSettings(dataSource, environment, prefix + "hikari");
    migrate(domain, dataSource);
    return dataSource;
  }

  /**
   * Binds Hikari's settings - times in ms, the JDBC driver's own under {@code
   * data-source-properties} - from {@code mall.jdbc.hikari.*}, then from {@code own.*}: the way
   * Spring Boot binds {@code spring.datasource.hikari.*} onto its one pool.
   */
  public static void bindHikariSettings(
      HikariDataSource dataSource, Environment environment, String own) {
    Binder binder = Binder.get(environment);
    binder.bind(SHARED_HIKARI_SETTINGS, Bindable.ofInstance(dataSource));
    binder.bind(own, Bindable.ofInstance(dataSource));
  }

  /** Applies the domain's DDL (classpath:db/mall_&lt;domain&gt;). */
  public static void migrate(String domain, DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/mall_" + domain)
        .load()
        .migrate();
  }

  /** Spring Data JDBC on one domain's database, assembled with its public factory. */
  static JdbcAggregateTemplate aggregateTemplate(
      NamedParameterJdbcOperations operations, Class<?>... entities) {
    JdbcCustomConversions conversions =
        JdbcConfiguration.createCustomConversions(DIALECT, List.of());
    JdbcMappingContext mapping =
        JdbcConfiguration.createMappingContext(
            RelationalManagedTypes.from(entities), conversions, DefaultNamingStrategy.INSTANCE);
    // Plain identifiers, as in the hand-written queries of the repositories.
    mapping.setForceQuote(false);
    // The converter resolves relations through the data access strategy that is built from it.
    AtomicReference<DataAccessStrategy> built = new AtomicReference<>();
    RelationResolver relations = (identifier, path) -> built.get().findAllByPath(identifier, path);
    JdbcConverter converter =
        JdbcConfiguration.createConverter(mapping, operations, relations, conversions, DIALECT);
    DataAccessStrategy dataAccess =
        JdbcConfiguration.createDataAccessStrategy(
            operations, converter, QueryMappingConfiguration.EMPTY, DIALECT);
    built.set(dataAccess);
    return new JdbcAggregateTemplate(converter, dataAccess);
  }

  /** The barrier on the same connections and transactions as the domain's repositories. */
  public static SubTransactionBarrier barrier(
      NamedParameterJdbcOperations operations, PlatformTransactionManager transactions) {
    return new SubTransactionBarrier(
        JdbcClient.create(operations), new TransactionTemplate(transactions));
  }
}
