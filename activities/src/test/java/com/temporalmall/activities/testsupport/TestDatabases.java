package com.temporalmall.activities.testsupport;

import com.temporalmall.activities.DomainJdbc;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Fresh per-test databases on the real MariaDB/MySQL server that scripts/test.sh starts and
 * describes in MALL_TEST_DB_URL, MALL_TEST_DB_ADMIN_USER and MALL_TEST_DB_ADMIN_PASSWORD.
 */
public final class TestDatabases {
  private static final String PARAMETERS = "?useSSL=false&allowPublicKeyRetrieval=true";

  private TestDatabases() {}

  public static TestDatabase create(String domain) {
    String serverUrl = required("MALL_TEST_DB_URL");
    JdbcTemplate admin =
        new JdbcTemplate(
            new DriverManagerDataSource(
                serverUrl + PARAMETERS,
                required("MALL_TEST_DB_ADMIN_USER"),
                required("MALL_TEST_DB_ADMIN_PASSWORD")));
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String name = "t_" + domain + "_" + suffix;
    String user = "u_" + suffix;
    String password = UUID.randomUUID().toString();
    String reader = "r_" + suffix;
    String readerPassword = UUID.randomUUID().toString();
    admin.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    admin.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
    admin.execute("GRANT ALL PRIVILEGES ON " + name + ".* TO '" + user + "'@'%'");
    // As scripts/lib/mariadb.sh makes mall_<domain>_reader: the API's account, SELECT only.
    admin.execute("CREATE USER '" + reader + "'@'%' IDENTIFIED BY '" + readerPassword + "'");
    admin.execute("GRANT SELECT ON " + name + ".* TO '" + reader + "'@'%'");
    TestDatabase database =
        new TestDatabase(
            name,
            serverUrl + name + PARAMETERS,
            user,
            password,
            new TestDatabase.Account(reader, readerPassword),
            () -> {
              admin.execute("DROP DATABASE IF EXISTS " + name);
              admin.execute("DROP USER IF EXISTS '" + user + "'@'%'");
              admin.execute("DROP USER IF EXISTS '" + reader + "'@'%'");
            });
    DomainJdbc.migrate(domain, database.dataSource());
    return database;
  }

  private static String required(String variable) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "MariaDB/MySQL for tests is not configured ("
              + variable
              + " is not set):"
              + " run the tests with scripts/test.sh (see README)");
    }
    return value;
  }
}
