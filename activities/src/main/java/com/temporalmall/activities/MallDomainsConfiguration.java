package com.temporalmall.activities;

import com.temporalmall.activities.order.OrderDomainConfiguration;
import com.temporalmall.activities.pay.PayDomainConfiguration;
import com.temporalmall.activities.product.ProductDomainConfiguration;
import com.temporalmall.activities.user.UserDomainConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Every domain; each one switches itself on only when listed in {@code mall.domains}. */
@Configuration(proxyBeanMethods = false)
@Import({
  UserDomainConfiguration.class,
  ProductDomainConfiguration.class,
  OrderDomainConfiguration.class,
  PayDomainConfiguration.class
})
public class MallDomainsConfiguration {}
