package com.temporalmall.activities.barrier;

import com.temporalmall.activities.DomainJdbc;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The embedded default runs on H2 in MySQL mode: the same DDL and barrier must hold there. */
class BarrierOnH2Test extends BarrierContract {
  private static final DataSource H2 =
      new DriverManagerDataSource(
          "jdbc:h2:mem:barrier_test;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");

  @BeforeAll
  static void migrate() {
    DomainJdbc.migrate("product", H2);
  }

  @Override
  DataSource productDatabase() {
    return H2;
  }
}
