package com.temporalmall.activities.product;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface ProductRepository extends ListCrudRepository<Product, Long> {
  Optional<Product> findByCreateGid(String createGid);

  /**
   * Never below zero and only at the price the order was accepted at: the guard is in the UPDATE
   * itself, so concurrent orders cannot oversell.
   */
  @Modifying
  @Query(
      "UPDATE products SET stock = stock - :num WHERE id = :id AND stock >= :num AND amount = :price")
  int decrementStockAtPrice(long id, int num, long price);

  @Modifying
  @Query("UPDATE products SET stock = stock + :num WHERE id = :id")
  int incrementStock(long id, int num);
}
