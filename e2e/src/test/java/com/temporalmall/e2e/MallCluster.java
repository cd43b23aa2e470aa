package com.temporalmall.e2e;

import com.temporalmall.activities.testsupport.TestDatabase;
import com.temporalmall.activities.testsupport.TestDatabases;
import com.temporalmall.api.ApiApplication;
import com.temporalmall.workers.WorkersApplication;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The mall as deployed: an API process and one worker per domain (the order worker hosts the order
 * saga), each its own Spring application holding only its own database's credentials, all talking
 * to the real Temporal server at MALL_TEST_TEMPORAL_ADDRESS; one fresh MariaDB/MySQL database per
 * domain; and the sandbox payment provider as its own application, where the pay worker opens
 * checkouts and which delivers its signed events to the API.
 */
final class MallCluster implements AutoCloseable {
  static final List<String> DOMAINS = List.of("user", "product", "order", "pay");
  static final String JWT_SECRET = "e2e-test-secret-e2e-test-secret-e2e-test-secret";
  static final String WEBHOOK_SECRET = "e2e-webhook-secret-e2e-webhook-secret-e2e";

  private final String temporalAddress;
  private final List<String> connectionProperties;
  private final Map<String, TestDatabase> databases = new LinkedHashMap<>();
  private final Map<String, ConfigurableApplicationContext> processes = new LinkedHashMap<>();
  private SandboxProcess sandbox;

  private MallCluster(String temporalAddress, List<String> connectionProperties) {
    this.temporalAddress = temporalAddress;
    this.connectionProperties = connectionProperties;
  }

  /** The real Temporal dev server at MALL_TEST_TEMPORAL_ADDRESS (set by scripts/test.sh). */
  static String devServerAddress() {
    String temporalAddress = System.getenv("MALL_TEST_TEMPORAL_ADDRESS");
    if (temporalAddress == null || temporalAddress.isBlank()) {
      throw new IllegalStateException(
          "MALL_TEST_TEMPORAL_ADDRESS is not set: a real Temporal dev server is needed."
              + " Run scripts/test.sh (see README).");
    }
    return temporalAddress;
  }

  static MallCluster start() {
    return start(devServerAddress(), List.of());
  }

  /**
   * Every process connects to {@code temporalTarget} with these extra {@code spring.temporal.*} /
   * {@code mall.temporal.*} properties (TLS, API key).
   */
  static MallCluster start(String temporalTarget, List<String> connectionProperties) {
    MallCluster cluster = new MallCluster(temporalTarget, connectionProperties);
    try {
      for (String domain : DOMAINS) {
        cluster.databases.put(domain, TestDatabases.create(domain));
      }
      int apiPort = freePort();
      cluster.sandbox = SandboxProcess.start(apiPort);
      for (String domain : DOMAINS) {
        cluster.startDomainWorker(domain, DecrStockFault.NONE);
      }
      cluster.processes.put("api", cluster.startApi("server.port=" + apiPort));
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Stops the product worker: its activities wait on their task queue until it is back. */
  void stopProductWorker() {
    ConfigurableApplicationContext running = processes.remove("product-worker");
    if (running != null) {
      running.close();
    }
  }

  String temporalAddress() {
    return temporalAddress;
  }

  /** Restarts the product worker, with {@code fault} injected into its decrStock steps. */
  void restartProductWorker(DecrStockFault fault) {
    ConfigurableApplicationContext running = processes.remove("product-worker");
    if (running != null) {
      running.close();
    }
    startDomainWorker("product", fault);
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The sandbox provider's base URL ({@code .../sandbox/v1}). */
  String sandboxUrl() {
    return sandbox.url();
  }

  private void startDomainWorker(String domain, DecrStockFault fault) {
    TestDatabase db = databases.get(domain);
    List<String> properties = new ArrayList<>(common(domain + "-worker"));
    properties.add("mall.domains=" + domain);
    if (sandbox != null) {
      properties.add("mall.pay.provider-url=" + sandboxUrl());
    }
    properties.add("mall.db." + domain + ".url=" + db.url());
    properties.add("mall.db." + domain + ".username=" + db.username());
    properties.add("mall.db." + domain + ".password=" + db.password());
    SpringApplicationBuilder worker = WorkersApplication.builder();
    if (fault != DecrStockFault.NONE) {
      worker.initializers(
          context -> context.getBeanFactory().registerSingleton("faults", fault.interceptor()));
    }
    processes.put(domain + "-worker", run(worker, properties));
  }

  /** An API of this mall: it reads each domain database through that database's reader account. */
  private ConfigurableApplicationContext startApi(String... extraProperties) {
    List<String> properties = new ArrayList<>();
    databases.forEach(
        (domain, db) -> {
          properties.add("mall.read." + domain + ".url=" + db.url());
          properties.add("mall.read." + domain + ".username=" + db.reader().username());
          properties.add("mall.read." + domain + ".password=" + db.reader().password());
        });
    properties.addAll(List.of(extraProperties));
    return startApi(
        "api", temporalAddress, connectionProperties, properties.toArray(String[]::new));
  }

  /** An API process outside any cluster, e.g. one whose Temporal connection is meant to fail. */
  static ConfigurableApplicationContext startApi(
      String name,
      String temporalTarget,
      List<String> connectionProperties,
      String... extraProperties) {
    List<String> properties = new ArrayList<>(common(name, temporalTarget, connectionProperties));
    properties.add("mall.jwt.secret=" + JWT_SECRET);
    properties.add("mall.pay.webhook-secret=" + WEBHOOK_SECRET);
    if (java.util.Arrays.stream(extraProperties).anyMatch(p -> p.startsWith("server.port="))) {
      properties.remove("server.port=0");
    }
    properties.addAll(List.of(extraProperties));
    return run(ApiApplication.builder(), properties);
  }

  /** Another API process of the same mall, e.g. with a different payment timeout; its base URL. */
  String startAnotherApi(String name, String... properties) {
    processes.put(name, startApi(properties));
    return apiUrl(name);
  }

  private List<String> common(String name) {
    return common(name, temporalAddress, connectionProperties);
  }

  private static List<String> common(
      String name, String temporalTarget, List<String> connectionProperties) {
    List<String> properties =
        new ArrayList<>(
            List.of(
                "spring.application.name=" + name,
                "spring.temporal.connection.target=" + temporalTarget,
                "spring.temporal.namespace=default",
                "server.port=0"));
    properties.addAll(connectionProperties);
    return properties;
  }

  private static ConfigurableApplicationContext run(
      SpringApplicationBuilder app, List<String> properties) {
    // As command-line arguments: they must win over each application's own configuration file.
    return app.run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
  }

  String apiUrl() {
    return apiUrl("api");
  }

  /** Base URL of a process: "api" or "<domain>-worker". */
  String url(String name) {
    return apiUrl(name);
  }

  private String apiUrl(String name) {
    return baseUrl(processes.get(name));
  }

  static String baseUrl(ConfigurableApplicationContext process) {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) process).getWebServer().getPort();
  }

  /** Admin access to a domain's database, for assertions only. */
  JdbcTemplate db(String domain) {
    return new JdbcTemplate(databases.get(domain).dataSource());
  }

  /** The API's read pool of a domain's database. */
  DataSource apiReads(String domain) {
    return processes.get("api").getBean(domain + "ReadDataSource", DataSource.class);
  }

  WorkflowClient temporal() {
    return processes.get("api").getBean(WorkflowClient.class);
  }

  @Override
  public void close() {
    List<String> names = new ArrayList<>(processes.keySet());
    java.util.Collections.reverse(names);
    for (String name : names) {
      processes.remove(name).close();
    }
    if (sandbox != null) {
      sandbox.close();
      sandbox = null;
    }
    databases.values().forEach(TestDatabase::close);
    databases.clear();
  }
}
