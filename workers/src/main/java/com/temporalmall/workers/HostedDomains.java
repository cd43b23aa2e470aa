package com.temporalmall.workers;

import com.google.common.collect.ImmutableList;
import com.temporalmall.activities.ConditionalOnDomain;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderSagaWorkflowImpl;
import com.temporalmall.workflows.order.OrderWritesImpl;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayWritesImpl;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.product.ProductWritesImpl;
import com.temporalmall.workflows.user.UserContract;
import com.temporalmall.workflows.user.UserWritesImpl;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Declares temporal-spring-boot-starter's workers ({@code spring.temporal.workers[n].*}) for the
 * domains listed in {@code mall.domains} (MALL_DOMAINS): one worker per domain, on the domain's
 * task queue, with the domain's workflow implementations and its activities bean. The starter then
 * creates, starts and traces them.
 *
 * <p>Why this small piece exists: the starter reads its workers from a fixed list in configuration
 * (or registers every discovered {@code @WorkflowImpl} on every process), while which domains a
 * process hosts must stay one setting, and a domain's workflows may only run where its database and
 * activities are: the order saga and the write workflows run their own domain's steps as local
 * activities.
 */
public class HostedDomains implements EnvironmentPostProcessor {

  /** What each domain's worker serves. */
  enum Domain {
    USER(UserContract.TASK_QUEUE, "userActivities", UserWritesImpl.class),
    PRODUCT(ProductContract.TASK_QUEUE, "productActivities", ProductWritesImpl.class),
    ORDER(
        OrderContract.TASK_QUEUE,
        "orderActivities",
        OrderSagaWorkflowImpl.class,
        OrderWritesImpl.class),
    PAY(PayContract.TASK_QUEUE, "payActivities", PayWritesImpl.class);

    final String taskQueue;
    final String activitiesBean;
    final ImmutableList<Class<?>> workflows;

    Domain(String taskQueue, String activitiesBean, Class<?>... workflows) {
      this.taskQueue = taskQueue;
      this.activitiesBean = activitiesBean;
      this.workflows = ImmutableList.copyOf(workflows);
    }

    static Domain named(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "mall.domains names an unknown domain '"
                + name
                + "'; known: "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT),
            e);
      }
    }
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    List<String> domains = ConditionalOnDomain.OnDomain.enabledDomains(Binder.get(environment));
    Map<String, Object> workers = new LinkedHashMap<>();
    for (int i = 0; i < domains.size(); i++) {
      Domain domain = Domain.named(domains.get(i));
      String worker = "spring.temporal.workers[" + i + "].";
      workers.put(worker + "name", domains.get(i));
      workers.put(worker + "task-queue", domain.taskQueue);
      workers.put(worker + "activity-beans[0]", domain.activitiesBean);
      for (int w = 0; w < domain.workflows.size(); w++) {
        workers.put(worker + "workflow-classes[" + w + "]", domain.workflows.get(w).getName());
      }
    }
    if (!workers.isEmpty()) {
      environment.getPropertySources().addLast(new MapPropertySource("mallHostedDomains", workers));
    }
  }
}
