package com.temporalmall.activities.pay;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface PayRepository extends ListCrudRepository<Pay, Long> {
  Optional<Pay> findByOid(long oid);

  /** Moves a pay from one of {@code fromStatuses} to {@code status}; other pays are left alone. */
  @Modifying
  @Query(
      "UPDATE pays SET status = :status, source = :source WHERE id = :id AND status IN (:fromStatuses)")
  int changeStatus(long id, int status, int source, java.util.List<Integer> fromStatuses);

  /** Records the provider's checkout of a pay that has none yet; a pay keeps its first one. */
  @Modifying
  @Query("UPDATE pays SET checkout = :checkout WHERE id = :id AND checkout IS NULL")
  int attachCheckout(long id, String checkout);

  /**
   * A refund-due pay (3) the provider refunded: refunded (4), with the provider's refund id (null
   * when the provider only said it was refunded before); other pays are left alone.
   */
  @Modifying
  @Query("UPDATE pays SET status = 4, refund = :refund WHERE id = :id AND status = 3")
  int markRefunded(long id, String refund);
}
