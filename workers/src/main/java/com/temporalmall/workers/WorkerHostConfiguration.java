package com.temporalmall.workers;

import com.temporalmall.activities.MallDomainsConfiguration;
import com.temporalmall.workflows.order.OrderActivities;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.pay.PayActivities;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.user.UserActivities;
import com.temporalmall.workflows.user.UserContract;
import io.temporal.client.WorkflowClient;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** The worker host: the enabled domains' activities plus, optionally, the workflow code. */
@Configuration(proxyBeanMethods = false)
@Import(MallDomainsConfiguration.class)
@EnableConfigurationProperties(WorkerHostProperties.class)
public class WorkerHostConfiguration {

  @Bean
  MallWorkers mallWorkers(
      WorkflowClient client,
      WorkerHostProperties properties,
      ObjectProvider<UserActivities> userActivities,
      ObjectProvider<ProductActivities> productActivities,
      ObjectProvider<OrderActivities> orderActivities,
      ObjectProvider<PayActivities> payActivities,
      ObjectProvider<io.opentracing.Tracer> tracer,
      Environment environment) {
    Map<String, Object> activitiesByTaskQueue = new HashMap<>();
    userActivities.ifAvailable(bean -> activitiesByTaskQueue.put(UserContract.TASK_QUEUE, bean));
    productActivities.ifAvailable(
        bean -> activitiesByTaskQueue.put(ProductContract.TASK_QUEUE, bean));
    orderActivities.ifAvailable(bean -> activitiesByTaskQueue.put(OrderContract.TASK_QUEUE, bean));
    payActivities.ifAvailable(bean -> activitiesByTaskQueue.put(PayContract.TASK_QUEUE, bean));
    return new MallWorkers(
        client,
        properties,
        activitiesByTaskQueue,
        tracer.getIfAvailable(),
        Threading.VIRTUAL.isActive(environment));
  }
}
