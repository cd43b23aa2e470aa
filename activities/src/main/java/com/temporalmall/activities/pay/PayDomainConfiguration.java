package com.temporalmall.activities.pay;

import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.activities.DomainDatabase;
import com.temporalmall.workflows.pay.PayActivities;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@ConditionalOnDomain("pay")
public class PayDomainConfiguration {
  @Bean(destroyMethod = "close")
  HikariDataSource payDataSource(Environment environment) {
    return DomainDatabase.open("pay", environment);
  }

  @Bean
  PayActivities payActivities(@Qualifier("payDataSource") HikariDataSource dataSource) {
    DomainDatabase database = DomainDatabase.of(dataSource);
    return new PayActivitiesImpl(database.repository(PayRepository.class), database.barrier());
  }
}
