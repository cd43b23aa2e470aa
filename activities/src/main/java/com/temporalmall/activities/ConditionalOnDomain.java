package com.temporalmall.activities;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Active when the domain is listed in {@code mall.domains} (MALL_DOMAINS), e.g. "user,order". */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ConditionalOnDomain.OnDomain.class)
public @interface ConditionalOnDomain {
  String value();

  class OnDomain implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String domain =
          (String)
              metadata.getAnnotationAttributes(ConditionalOnDomain.class.getName()).get("value");
      return enabledDomains(Binder.get(context.getEnvironment())).contains(domain);
    }

    /** The domains listed in {@code mall.domains}, trimmed, without empty entries. */
    public static List<String> enabledDomains(Binder binder) {
      return binder.bind("mall.domains", Bindable.listOf(String.class)).orElse(List.of()).stream()
          .map(String::trim)
          .filter(name -> !name.isEmpty())
          .toList();
    }
  }
}
