package com.temporalmall.activities.user;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface UserRepository extends ListCrudRepository<User, Long> {
  Optional<User> findByMobile(String mobile);
}
