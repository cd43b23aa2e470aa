package com.temporalmall.workers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What this worker process hosts besides the domains listed in {@code mall.domains}: the workflow
 * code (task queue {@code workflows}), and how long a shutdown waits for in-flight tasks.
 */
@ConfigurationProperties("mall.workflows")
public record WorkerHostProperties(
    @DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration drainTimeout) {}
