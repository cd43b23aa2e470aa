package com.temporalmall.platform;

import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;

/**
 * The deadlines and keep-alive of every process's gRPC connection to Temporal, from {@code
 * mall.temporal.rpc.*} (README's "Timeouts"): the starter has no setting for them, only this
 * customizer hook. The defaults are the SDK's own, written down so that each is a choice.
 */
@AutoConfiguration(
    beforeName = "io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration")
@EnableConfigurationProperties(MallTemporalTimeoutsAutoConfiguration.Rpc.class)
public class MallTemporalTimeoutsAutoConfiguration {

  /**
   * {@code timeout}: every call but long polls and queries (start, signal, update, describe);
   * {@code long-poll-timeout}: the workers' task polls and the wait for a result, longer than the
   * server's 60 s hold of an empty poll; {@code query-timeout}: a query; {@code keep-alive-time}
   * and {@code keep-alive-timeout}: a connection silent this long is pinged and, with no answer in
   * time, dropped and dialled again - also with no call in flight ({@code
   * keep-alive-without-calls}), so a worker's idle connection to a frozen server is found too;
   * {@code startup-wait}: how long a worker host waits at start for its namespace to answer ({@link
   * WorkerStartupWait}).
   */
  @ConfigurationProperties("mall.temporal.rpc")
  public record Rpc(
      @DefaultValue("10s") Duration timeout,
      @DefaultValue("70s") Duration longPollTimeout,
      @DefaultValue("10s") Duration queryTimeout,
      @DefaultValue("30s") Duration keepAliveTime,
      @DefaultValue("15s") Duration keepAliveTimeout,
      @DefaultValue("true") boolean keepAliveWithoutCalls,
      @DefaultValue("2m") Duration startupWait) {}

  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> temporalRpcTimeouts(Rpc rpc) {
    return builder -> apply(rpc, builder);
  }

  @Bean
  WorkerStartupWait workerStartupWait(Rpc rpc, ObjectProvider<WorkerFactory> factories) {
    return new WorkerStartupWait(factories, rpc.startupWait());
  }

  static WorkflowServiceStubsOptions.Builder apply(
      Rpc rpc, WorkflowServiceStubsOptions.Builder builder) {
    return builder
        .setRpcTimeout(rpc.timeout())
        .setRpcLongPollTimeout(rpc.longPollTimeout())
        .setRpcQueryTimeout(rpc.queryTimeout())
        .setEnableKeepAlive(true)
        .setKeepAliveTime(rpc.keepAliveTime())
        .setKeepAliveTimeout(rpc.keepAliveTimeout())
        .setKeepAlivePermitWithoutStream(rpc.keepAliveWithoutCalls());
  }
}
