package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The API's pool on the embedded H2 database reads, and cannot write. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedReadAccountsTest {
  @Autowired
  @Qualifier("productReadDataSource")
  DataSource apiReads;

  @Test
  void theApisReaderMaySelectOnly() {
    JdbcTemplate reader = new JdbcTemplate(apiReads);

    assertThat(reader.queryForObject("SELECT COUNT(*) FROM products", Long.class)).isNotNull();
    for (String write :
        new String[] {
          "INSERT INTO products (name, uid) VALUES ('forged', 1)",
          "UPDATE products SET stock = 0",
          "DELETE FROM products",
          "CREATE TABLE forged (id INT)"
        }) {
      assertThatThrownBy(() -> reader.execute(write))
          .as(write)
          .isInstanceOf(DataAccessException.class)
          .hasMessageContaining("rights");
    }
  }
}
