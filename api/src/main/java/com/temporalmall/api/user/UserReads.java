package com.temporalmall.api.user;

import com.temporalmall.api.read.Rows;
import com.temporalmall.workflows.user.UserView;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of mall_user through the API's read-only account. */
@Component
public class UserReads {
  private final JdbcClient db;

  public UserReads(@Qualifier("userReadDataSource") DataSource dataSource) {
    this.db = JdbcClient.create(dataSource);
  }

  /** Unknown id: 404. */
  public UserView info(long id) {
    return Rows.one(
        db.sql("SELECT id, name, gender, mobile FROM users WHERE id = ?")
            .param(id)
            .query(UserView.class),
        "user " + id);
  }

  /** The id and BCrypt hash of the user with this mobile, if there is one. */
  public Optional<UserCredentials> credentials(String mobile) {
    return db.sql("SELECT id, password AS password_hash FROM users WHERE mobile = ?")
        .param(mobile)
        .query(UserCredentials.class)
        .optional();
  }
}
