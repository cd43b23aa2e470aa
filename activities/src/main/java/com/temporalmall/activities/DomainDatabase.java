package com.temporalmall.activities;

import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.core.env.Environment;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.jdbc.core.convert.DataAccessStrategy;
import org.springframework.data.jdbc.core.convert.DataAccessStrategyFactory;
import org.springframework.data.jdbc.core.convert.DefaultJdbcTypeFactory;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.convert.MappingJdbcConverter;
import org.springframework.data.jdbc.core.convert.QueryMappingConfiguration;
import org.springframework.data.jdbc.core.convert.RelationResolver;
import org.springframework.data.jdbc.core.dialect.JdbcMySqlDialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.jdbc.repository.support.JdbcRepositoryFactory;
import org.springframework.data.relational.core.dialect.Dialect;
import org.springframework.data.relational.core.sql.IdentifierProcessing;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One domain's own database: opened from {@code mall.db.<domain>.url/username/password} and
 * migrated with that domain's DDL (classpath:db/mall_&lt;domain&gt;) before anything uses it.
 */
public record DomainDatabase(
    DataSource dataSource,
    JdbcClient jdbc,
    TransactionTemplate transactions,
    SubTransactionBarrier barrier,
    JdbcRepositoryFactory repositories) {

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
    return new DomainDatabase(
        dataSource,
        jdbc,
        transactions,
        new SubTransactionBarrier(jdbc, transactions),
        repositoryFactory(new NamedParameterJdbcTemplate(dataSource)));
  }

  /** A Spring Data JDBC repository on this database; it joins the barrier's transaction. */
  public <R> R repository(Class<R> type) {
    return repositories.getRepository(type);
  }

  /**
   * Spring Data JDBC for one of several databases in a process: Boot's auto-configuration assumes a
   * single DataSource, so each domain assembles its own factory. The MySQL dialect serves MySQL,
   * MariaDB and H2 in MySQL mode (the embedded default).
   */
  private static JdbcRepositoryFactory repositoryFactory(NamedParameterJdbcTemplate operations) {
    Dialect dialect =
        new JdbcMySqlDialect(
            IdentifierProcessing.create(
                new IdentifierProcessing.Quoting("`"),
                IdentifierProcessing.LetterCasing.LOWER_CASE));
    JdbcCustomConversions conversions = new JdbcCustomConversions();
    JdbcMappingContext mapping = new JdbcMappingContext();
    mapping.setForceQuote(false);
    mapping.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
    // The converter resolves relations through the data access strategy that is built from it.
    AtomicReference<DataAccessStrategy> built = new AtomicReference<>();
    RelationResolver relations = (identifier, path) -> built.get().findAllByPath(identifier, path);
    MappingJdbcConverter converter =
        new MappingJdbcConverter(
            mapping,
            relations,
            conversions,
            new DefaultJdbcTypeFactory(operations.getJdbcOperations()));
    DataAccessStrategy dataAccess =
        new DataAccessStrategyFactory(
                converter, operations, dialect, QueryMappingConfiguration.EMPTY)
            .create();
    built.set(dataAccess);
    return new JdbcRepositoryFactory(new JdbcAggregateTemplate(converter, dataAccess));
  }
}
