package com.temporalmall.activities.order;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface OrderRepository extends ListCrudRepository<Order, Long> {
  Optional<Order> findByGid(String gid);

  /** Targets exactly one saga's order (the tutorial reverted "the user's latest order"). */
  @Modifying
  @Query("UPDATE orders SET status = :status WHERE gid = :gid")
  int updateStatusByGid(String gid, int status);
}
