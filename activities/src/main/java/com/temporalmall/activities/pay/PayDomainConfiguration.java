package com.temporalmall.activities.pay;

import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.activities.DomainDatabase;
import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.temporalmall.workflows.pay.PayActivities;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/**
 * The pay domain, when listed in {@code mall.domains}: its database ({@code mall.db.pay.*}), its
 * repositories on it, its activities, whose barrier joins the repositories' transactions, and the
 * payment provider's API they open checkouts on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDomain("pay")
@DomainDatabase(value = "pay", entities = Pay.class)
@EnableJdbcRepositories(
    basePackageClasses = PayRepository.class,
    jdbcAggregateOperationsRef = "payJdbcAggregateTemplate",
    transactionManagerRef = "payTransactionManager")
public class PayDomainConfiguration {
  @Bean
  PayActivities payActivities(
      PayRepository pays,
      @Qualifier("payBarrier") SubTransactionBarrier barrier,
      PaymentProvider provider) {
    return new PayActivitiesImpl(pays, barrier, provider);
  }

  /**
   * The payment provider's API: {@code mall.pay.provider-url} (MALL_PAY_PROVIDER_URL, default the
   * embedded default's sandbox), with connect and request timeouts ({@code
   * mall.pay.provider-connect-timeout}, 1s; {@code mall.pay.provider-request-timeout}, 5s: short,
   * as a buyer waits for pay/create's answer); amounts are in {@code mall.pay.currency} (default
   * CNY).
   */
  @Bean
  HttpPaymentProvider paymentProvider(Environment environment) {
    Binder settings = Binder.get(environment);
    return new HttpPaymentProvider(
        settings
            .bind("mall.pay.provider-url", URI.class)
            .orElse(URI.create("http://localhost:8080/sandbox/v1")),
        settings
            .bind("mall.pay.provider-connect-timeout", Duration.class)
            .orElse(Duration.ofSeconds(1)),
        settings
            .bind("mall.pay.provider-request-timeout", Duration.class)
            .orElse(Duration.ofSeconds(5)),
        settings.bind("mall.pay.currency", String.class).orElse("CNY"));
  }
}
