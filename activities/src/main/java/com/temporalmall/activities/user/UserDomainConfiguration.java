package com.temporalmall.activities.user;

import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.activities.DomainDatabase;
import com.temporalmall.workflows.user.UserActivities;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@ConditionalOnDomain("user")
public class UserDomainConfiguration {
  @Bean(destroyMethod = "close")
  HikariDataSource userDataSource(Environment environment) {
    return DomainDatabase.open("user", environment);
  }

  @Bean
  UserActivities userActivities(@Qualifier("userDataSource") HikariDataSource dataSource) {
    DomainDatabase database = DomainDatabase.of(dataSource);
    return new UserActivitiesImpl(database.repository(UserRepository.class), database.barrier());
  }
}
