package com.temporalmall.activities;

import static org.assertj.core.api.Assertions.assertThat;

import com.temporalmall.activities.order.OrderRepository;
import com.temporalmall.activities.product.ProductRepository;
import com.temporalmall.activities.testsupport.DomainExtension;
import com.temporalmall.activities.testsupport.TestDatabase;
import com.temporalmall.activities.user.UserRepository;
import com.temporalmall.workflows.order.OrderActivities;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.user.UserActivities;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Which domains a worker process serves is configuration: only those get a database and activities.
 */
class MallDomainsConfigurationTest {
  @RegisterExtension static final DomainExtension ORDER_DATABASE = new DomainExtension("order");

  @RegisterExtension static final DomainExtension PRODUCT_DATABASE = new DomainExtension("product");

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(MallDomainsConfiguration.class);

  private static String[] settings(String domain, DomainExtension extension) {
    TestDatabase database = extension.database();
    return new String[] {
      "mall.db." + domain + ".url=" + database.url(),
      "mall.db." + domain + ".username=" + database.username(),
      "mall.db." + domain + ".password=" + database.password()
    };
  }

  @Test
  void onlyTheListedDomainsAreWired() {
    context
        .withPropertyValues("mall.domains=order, product")
        .withPropertyValues(settings("order", ORDER_DATABASE))
        .withPropertyValues(settings("product", PRODUCT_DATABASE))
        .run(
            wired -> {
              assertThat(wired).hasNotFailed();
              assertThat(wired).hasSingleBean(OrderActivities.class).hasBean("orderActivities");
              assertThat(wired).hasSingleBean(ProductActivities.class).hasBean("productActivities");
              assertThat(wired).hasSingleBean(OrderRepository.class);
              assertThat(wired).hasSingleBean(ProductRepository.class);
              assertThat(wired)
                  .doesNotHaveBean(UserActivities.class)
                  .doesNotHaveBean(UserRepository.class)
                  .doesNotHaveBean("userDataSource");
              assertThat(wired.getBean("orderDataSource", HikariDataSource.class).getPoolName())
                  .isEqualTo("mall-order");
              assertThat(wired.getBean("productDataSource", HikariDataSource.class).getPoolName())
                  .isEqualTo("mall-product");
            });
  }

  @Test
  void noDomainsMeansNoDatabases() {
    context.run(
        wired -> {
          assertThat(wired).hasNotFailed();
          assertThat(wired).doesNotHaveBean(HikariDataSource.class);
        });
  }

  @Test
  void anEnabledDomainWithoutItsDatabaseFailsClearly() {
    context
        .withPropertyValues("mall.domains=user")
        .run(
            wired ->
                assertThat(wired)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("mall.db.user.url (MALL_DB_USER_URL) is not set"));
  }
}
