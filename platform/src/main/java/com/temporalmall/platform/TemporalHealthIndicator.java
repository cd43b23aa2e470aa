package com.temporalmall.platform;

import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health contributor "temporal": UP when the Temporal frontend answers its gRPC health check. Part
 * of the readiness group, so an API or worker that cannot reach Temporal takes no traffic.
 */
public class TemporalHealthIndicator implements HealthIndicator {
  private final WorkflowServiceStubs service;

  public TemporalHealthIndicator(WorkflowServiceStubs service) {
    this.service = service;
  }

  @Override
  public Health health() {
    try {
      HealthCheckResponse.ServingStatus status = service.healthCheck().getStatus();
      return (status == HealthCheckResponse.ServingStatus.SERVING ? Health.up() : Health.down())
          .withDetail("status", status.name())
          .build();
    } catch (RuntimeException unreachable) {
      return Health.down(unreachable).build();
    }
  }
}
