package com.temporalmall.activities.user;

import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.activities.DomainDatabase;
import com.temporalmall.activities.barrier.SubTransactionBarrier;
import com.temporalmall.workflows.user.UserActivities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/**
 * The user domain, when listed in {@code mall.domains}: its database ({@code mall.db.user.*}), its
 * repositories on it, and its activities, whose barrier joins the repositories' transactions.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDomain("user")
@DomainDatabase(value = "user", entities = User.class)
@EnableJdbcRepositories(
    basePackageClasses = UserRepository.class,
    jdbcAggregateOperationsRef = "userJdbcAggregateTemplate",
    transactionManagerRef = "userTransactionManager")
public class UserDomainConfiguration {
  @Bean
  UserActivities userActivities(
      UserRepository users, @Qualifier("userBarrier") SubTransactionBarrier barrier) {
    return new UserActivitiesImpl(users, barrier);
  }
}
