package com.temporalmall.activities.user;

import com.temporalmall.workflows.user.NewUser;
import com.temporalmall.workflows.user.UserCredentials;
import com.temporalmall.workflows.user.UserView;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

class UserRepository {
  private static final String VIEW = "SELECT id, name, gender, mobile FROM users";

  private final JdbcClient jdbc;

  UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(NewUser user) {
    jdbc.sql("INSERT INTO users (name, gender, mobile, password) VALUES (?, ?, ?, ?)")
        .params(user.name(), user.gender(), user.mobile(), user.passwordHash())
        .update();
  }

  Optional<UserView> findByMobile(String mobile) {
    return jdbc.sql(VIEW + " WHERE mobile = ?").param(mobile).query(UserView.class).optional();
  }

  Optional<UserView> findById(long id) {
    return jdbc.sql(VIEW + " WHERE id = ?").param(id).query(UserView.class).optional();
  }

  Optional<UserCredentials> credentialsByMobile(String mobile) {
    return jdbc.sql("SELECT id, password AS password_hash FROM users WHERE mobile = ?")
        .param(mobile)
        .query(UserCredentials.class)
        .optional();
  }
}
