package com.temporalmall.activities.pay;

import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.activities.DomainDatabase;
import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.temporalmall.workflows.pay.PayActivities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/**
 * The pay domain, when listed in {@code mall.domains}: its database ({@code mall.db.pay.*}), its
 * repositories on it, and its activities, whose barrier joins the repositories' transactions.
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
      PayRepository pays, @Qualifier("payBarrier") SubTransactionBarrier barrier) {
    return new PayActivitiesImpl(pays, barrier);
  }
}
