package com.temporalmall.activities.product;

import static org.assertj.core.api.Assertions.assertThat;

import com.temporalmall.activities.testsupport.DomainExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stock guards live in the repository's UPDATE statements: on the real server. */
class ProductRepositoryTest {
  private static final long PRICE = 1999;

  @RegisterExtension static final DomainExtension DOMAIN = new DomainExtension("product");

  final ProductRepository products = DOMAIN.bean(ProductRepository.class);

  long productWithStock(int stock) {
    return products.save(new Product(null, 5, "kettle", "", stock, PRICE, 1, null)).id();
  }

  int stock(long id) {
    return products.findById(id).orElseThrow().stock();
  }

  @Test
  void decrementTakesTheQuantityAtTheAcceptedPrice() {
    long id = productWithStock(10);

    assertThat(products.decrementStockAtPrice(id, 3, PRICE)).isOne();

    assertThat(stock(id)).isEqualTo(7);
  }

  @Test
  void decrementMayTakeTheLastItems() {
    long id = productWithStock(3);

    assertThat(products.decrementStockAtPrice(id, 3, PRICE)).isOne();

    assertThat(stock(id)).isZero();
  }

  @Test
  void incrementGivesBack() {
    long id = productWithStock(1);

    assertThat(products.incrementStock(id, 4)).isOne();

    assertThat(stock(id)).isEqualTo(5);
  }

  @Test
  void aProductIsFoundByTheWorkflowThatCreatedIt() {
    long id = products.save(new Product(null, 5, "kettle", "", 1, PRICE, 1, "create-gid-1")).id();

    assertThat(products.findByCreateGid("create-gid-1")).map(Product::id).contains(id);
    assertThat(products.findByCreateGid("create-gid-unknown")).isEmpty();
  }

  @Nested
  class DecrementChangesNothing {
    @Test
    void whenFewerAreInStock() {
      long id = productWithStock(2);

      assertThat(products.decrementStockAtPrice(id, 3, PRICE)).isZero();

      assertThat(stock(id)).as("never below zero").isEqualTo(2);
    }

    @Test
    void whenNoneAreLeft() {
      long id = productWithStock(0);

      assertThat(products.decrementStockAtPrice(id, 1, PRICE)).isZero();

      assertThat(stock(id)).isZero();
    }

    @Test
    void whenThePriceChanged() {
      long id = productWithStock(10);

      assertThat(products.decrementStockAtPrice(id, 1, PRICE + 1)).isZero();
      assertThat(products.decrementStockAtPrice(id, 1, PRICE - 1)).isZero();

      assertThat(stock(id)).isEqualTo(10);
    }

    @Test
    void whenTheProductDoesNotExist() {
      assertThat(products.decrementStockAtPrice(999_999, 1, PRICE)).isZero();
    }
  }
}
