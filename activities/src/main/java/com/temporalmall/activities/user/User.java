package com.temporalmall.activities.user;

import com.temporalmall.workflows.user.UserView;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of mall_user.users; {@code password} holds the BCrypt hash made by the API. */
@Table("users")
record User(@Id Long id, String name, int gender, String mobile, String password) {
  UserView view() {
    return new UserView(id, name, gender, mobile);
  }
}
