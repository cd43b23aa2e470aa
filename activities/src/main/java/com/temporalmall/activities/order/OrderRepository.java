package com.temporalmall.activities.order;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface OrderRepository extends ListCrudRepository<Order, Long> {
  Optional<Order> findByGid(String gid);

  /** Moves an order from {@code from} to {@code to}; an order in any other status is left alone. */
  @Modifying
  @Query("UPDATE orders SET status = :to WHERE id = :id AND status = :from")
  int changeStatus(long id, int from, int to);

  /** Targets exactly one saga's order (the tutorial reverted "the user's latest order"). */
  @Modifying
  @Query("UPDATE orders SET status = :status WHERE gid = :gid")
  int updateStatusByGid(String gid, int status);
}
