package com.temporalmall.activities;

import com.temporalmall.activities.barrier.SubTransactionBarrier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * One domain's own database, declared on the domain's configuration next to its {@code
 * EnableJdbcRepositories}: registers {@code <domain>DataSource} (from {@code mall.db.<domain>.*},
 * migrated before first use), {@code <domain>JdbcTemplate}, {@code <domain>TransactionManager},
 * {@code <domain>JdbcAggregateTemplate} (Spring Data JDBC on that database, for {@code entities})
 * and {@code <domain>Barrier} (the sub-transaction barrier on the same transactions). Boot's
 * auto-configuration assumes a single DataSource; a process hosts one per enabled domain.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Import(DomainDatabase.Registrar.class)
public @interface DomainDatabase {
  /** The domain's name, as listed in {@code mall.domains}: {@code user}, {@code order}, ... */
  String value();

  /** The aggregates its repositories map. */
  Class<?>[] entities();

  class Registrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {
    private Environment environment;
    private BeanFactory beans;

    @Override
    public void setEnvironment(Environment environment) {
      this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
      this.beans = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(
        AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
      Map<String, Object> attributes =
          Objects.requireNonNull(metadata.getAnnotationAttributes(DomainDatabase.class.getName()));
      String domain = (String) attributes.get("value");
      Class<?>[] entities = (Class<?>[]) attributes.get("entities");
      String dataSource = domain + "DataSource";
      String jdbc = domain + "JdbcTemplate";
      String transactions = domain + "TransactionManager";

      AbstractBeanDefinition database =
          BeanDefinitionBuilder.genericBeanDefinition(
                  DataSource.class, () -> DomainJdbc.open(domain, environment))
              .setDestroyMethodName("close")
              .getBeanDefinition();
      registry.registerBeanDefinition(dataSource, database);
      register(
          registry,
          jdbc,
          NamedParameterJdbcTemplate.class,
          () -> new NamedParameterJdbcTemplate(beans.getBean(dataSource, DataSource.class)));
      register(
          registry,
          transactions,
          DataSourceTransactionManager.class,
          () -> new DataSourceTransactionManager(beans.getBean(dataSource, DataSource.class)));
      register(
          registry,
          domain + "JdbcAggregateTemplate",
          JdbcAggregateTemplate.class,
          () ->
              DomainJdbc.aggregateTemplate(
                  beans.getBean(jdbc, NamedParameterJdbcTemplate.class), entities));
      register(
          registry,
          domain + "Barrier",
          SubTransactionBarrier.class,
          () ->
              DomainJdbc.barrier(
                  beans.getBean(jdbc, NamedParameterJdbcTemplate.class),
                  beans.getBean(transactions, DataSourceTransactionManager.class)));
    }

    private static <T> void register(
        BeanDefinitionRegistry registry, String name, Class<T> type, Supplier<T> supplier) {
      registry.registerBeanDefinition(
          name, BeanDefinitionBuilder.genericBeanDefinition(type, supplier).getBeanDefinition());
    }
  }
}
