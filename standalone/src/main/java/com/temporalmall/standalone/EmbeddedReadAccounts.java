package com.temporalmall.standalone;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The API's read-only accounts in the embedded H2 databases, as scripts/lib/mariadb.sh makes them
 * on MariaDB: {@code mall.read.<domain>.username} may only SELECT (granted on the whole schema, so
 * the tables the domain's Flyway creates later are covered). Created as the database's admin
 * ({@code mall.db.<domain>.*}) while the context starts, before any request can read. The read URLs
 * carry IFEXISTS=TRUE, so a reader never creates (and would then own) a database. Like the admin
 * {@code sa}, the readers have no password by default: an in-memory database without a TCP server
 * is reachable only from inside this JVM.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedReadAccounts {
  private static final List<String> DOMAINS = List.of("user", "product", "order", "pay");
  private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  @Bean
  InitializingBean embeddedReadAccountsCreated(Environment environment) {
    return () -> DOMAINS.forEach(domain -> create(domain, environment));
  }

  private static void create(String domain, Environment environment) {
    String reader = environment.getRequiredProperty("mall.read." + domain + ".username");
    if (!ACCOUNT.matcher(reader).matches()) {
      throw new IllegalStateException(
          "mall.read." + domain + ".username is not a plain account name: " + reader);
    }
    String password =
        "'"
            + environment.getProperty("mall.read." + domain + ".password", "").replace("'", "''")
            + "'";
    JdbcTemplate admin =
        new JdbcTemplate(
            new DriverManagerDataSource(
                environment.getRequiredProperty("mall.db." + domain + ".url"),
                environment.getRequiredProperty("mall.db." + domain + ".username"),
                environment.getProperty("mall.db." + domain + ".password", "")));
    admin.execute("CREATE USER IF NOT EXISTS " + reader + " PASSWORD " + password);
    admin.execute("GRANT SELECT ON SCHEMA PUBLIC TO " + reader);
  }
}
