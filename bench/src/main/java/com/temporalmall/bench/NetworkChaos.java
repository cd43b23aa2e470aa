package com.temporalmall.bench;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chaos suite's network faults (issue 20): every mall process reaches MariaDB and Temporal
 * through a Toxiproxy proxy of its own - a proxy per (process, dependency) pair - and a scenario
 * puts a toxic on a set of those links for a while: seconds of latency, a blackhole (connections
 * stay open, nothing gets through either way), connection resets, a bandwidth limit. The scenarios'
 * plans and the routing are pure and unit-tested; {@link #inject} talks to Toxiproxy.
 */
final class NetworkChaos {
  /** What a mall process connects to. */
  enum Dependency {
    MARIADB,
    TEMPORAL;

    String label() {
      return this == MARIADB ? "MariaDB" : "Temporal";
    }
  }

  /** The toxic of a scenario, as Toxiproxy names it. */
  enum Fault {
    /** Every answer {@link #LATENCY_MS} ms late (downstream: server to mall process). */
    LATENCY,
    /** Toxiproxy's timeout toxic with timeout 0, both ways: silent, open connections. */
    BLACKHOLE,
    /** reset_peer with timeout 0: every connection, open or new, reset (TCP RST). */
    RESET,
    /** Answers at {@link #BANDWIDTH_KBPS} KB/s per connection. */
    BANDWIDTH
  }

  static final long LATENCY_MS = 2000;
  static final long BANDWIDTH_KBPS = 1;

  /**
   * One network scenario: the toxic, on which links, from {@code after} into the orders for {@code
   * lasting}, while {@code orders} careful clients' orders arrive at {@code perSecond} for {@code
   * stock}.
   */
  record Scenario(
      String name,
      Dependency dependency,
      Fault fault,
      Duration after,
      Duration lasting,
      int orders,
      int stock,
      double perSecond) {

    /**
     * Which processes' links the fault is on: MariaDB's between each worker and it (the API reads
     * it directly), Temporal's between every process and it.
     */
    boolean hits(String process) {
      return dependency == Dependency.TEMPORAL || process.endsWith("-worker");
    }

    String describe() {
      String what =
          switch (fault) {
            case LATENCY -> LATENCY_MS / 1000 + " s latency on every answer";
            case BLACKHOLE -> "blackhole (connections open, nothing through)";
            case RESET -> "every connection reset (TCP RST)";
            case BANDWIDTH -> BANDWIDTH_KBPS + " KB/s per connection";
          };
      return String.format(
          Locale.ROOT,
          "%s between %s and %s for %d s",
          what,
          dependency == Dependency.TEMPORAL ? "every process" : "each worker",
          dependency.label(),
          lasting.toSeconds());
    }

    /** The same scenario with {@code orders} orders and stock in the same proportion. */
    Scenario resized(int orders) {
      return new Scenario(
          name,
          dependency,
          fault,
          after,
          lasting,
          orders,
          (int) Math.max(1, Math.round((double) stock * orders / this.orders)),
          perSecond);
    }
  }

  /**
   * The targets (1,000 orders on stock 600, 2 s latency and a 20 s blackhole between each
   * worker and MariaDB and between every process and Temporal) at the size; resets and
   * bandwidth on smaller runs so that the set stays within minutes.
   */
  static final List<Scenario> SCENARIOS =
      List.of(
          target("net-db-latency", Dependency.MARIADB, Fault.LATENCY, 30),
          target("net-db-blackhole", Dependency.MARIADB, Fault.BLACKHOLE, 20),
          target("net-temporal-latency", Dependency.TEMPORAL, Fault.LATENCY, 30),
          target("net-temporal-blackhole", Dependency.TEMPORAL, Fault.BLACKHOLE, 20),
          small("net-db-reset", Dependency.MARIADB, Fault.RESET),
          small("net-temporal-reset", Dependency.TEMPORAL, Fault.RESET),
          small("net-db-bandwidth", Dependency.MARIADB, Fault.BANDWIDTH),
          small("net-temporal-bandwidth", Dependency.TEMPORAL, Fault.BANDWIDTH));

  private static Scenario target(String name, Dependency on, Fault fault, int seconds) {
    return new Scenario(
        name, on, fault, Duration.ofSeconds(30), Duration.ofSeconds(seconds), 1000, 600, 5);
  }

  private static Scenario small(String name, Dependency on, Fault fault) {
    return new Scenario(
        name, on, fault, Duration.ofSeconds(15), Duration.ofSeconds(20), 200, 120, 4);
  }

  static boolean isNetwork(String scenario) {
    return scenario.startsWith("net-");
  }

  static Scenario scenario(String name) {
    return SCENARIOS.stream()
        .filter(scenario -> scenario.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown network scenario " + name));
  }

  /** One proxy: a mall process's own way to one dependency. */
  record Link(String process, Dependency dependency, int listen) {
    String name() {
      return process + "-" + dependency.name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Pattern AUTHORITY = Pattern.compile("^(jdbc:[a-z]+://)([^/?]+)");

  /** A JDBC URL with its host:port replaced by 127.0.0.1:{@code port}, the rest as it was. */
  static String viaProxy(String jdbcUrl, int port) {
    Matcher matcher = AUTHORITY.matcher(jdbcUrl);
    if (!matcher.find()) {
      throw new IllegalArgumentException("not a jdbc:<driver>://host:port URL: " + jdbcUrl);
    }
    return matcher.group(1) + "127.0.0.1:" + port + jdbcUrl.substring(matcher.end());
  }

  /** The host:port of a JDBC URL. */
  static String authority(String jdbcUrl) {
    Matcher matcher = AUTHORITY.matcher(jdbcUrl);
    if (!matcher.find()) {
      throw new IllegalArgumentException("not a jdbc:<driver>://host:port URL: " + jdbcUrl);
    }
    return matcher.group(2);
  }

  /**
   * The links of a process and the environment that sends it through them: TEMPORAL_ADDRESS for
   * every process, MALL_DB_&lt;DOMAIN&gt;_URL (from {@code inherited}) for a worker's domains
   * (MALL_DOMAINS of its {@code environment}); ports from {@code nextPort} on.
   */
  static Map<String, String> route(
      String process,
      Map<String, String> environment,
      Map<String, String> inherited,
      int nextPort,
      List<Link> links) {
    Map<String, String> routed = new LinkedHashMap<>(environment);
    Link temporal = new Link(process, Dependency.TEMPORAL, nextPort++);
    links.add(temporal);
    routed.put("TEMPORAL_ADDRESS", "127.0.0.1:" + temporal.listen());
    String domains = environment.get("MALL_DOMAINS");
    if (domains != null) {
      Link database = new Link(process, Dependency.MARIADB, nextPort);
      links.add(database);
      for (String domain : domains.split(",", -1)) {
        String key = "MALL_DB_" + domain.trim().toUpperCase(Locale.ROOT) + "_URL";
        String url = inherited.get(key);
        if (url == null) {
          throw new IllegalStateException(key + " is not set: the chaos suite passes it on");
        }
        routed.put(key, viaProxy(url, database.listen()));
      }
    }
    return routed;
  }

  private final ToxiproxyClient toxiproxy;
  private final Map<Dependency, String> upstreams;
  private final int firstPort;
  private final List<Link> links = new ArrayList<>();
  private final Map<String, Proxy> proxies = new LinkedHashMap<>();

  /**
   * {@code toxiproxy}: its API's host:port; {@code firstPort}: the proxies listen from there on;
   * {@code database}, {@code temporal}: the real servers' host:port.
   */
  NetworkChaos(String toxiproxy, int firstPort, String database, String temporal) {
    int colon = toxiproxy.lastIndexOf(':');
    this.toxiproxy =
        new ToxiproxyClient(
            toxiproxy.substring(0, colon), Integer.parseInt(toxiproxy.substring(colon + 1)));
    this.firstPort = firstPort;
    this.upstreams = Map.of(Dependency.MARIADB, database, Dependency.TEMPORAL, temporal);
  }

  /**
   * Creates the process's proxies (once per process) and returns its environment pointed at them.
   */
  synchronized Map<String, String> route(String process, Map<String, String> environment)
      throws IOException {
    List<Link> added = new ArrayList<>();
    int next = firstPort + links.size();
    Map<String, String> routed = route(process, environment, System.getenv(), next, added);
    for (Link link : added) {
      Proxy existing = proxies.get(link.name());
      if (existing != null) {
        throw new IllegalStateException("two processes named " + process);
      }
      proxies.put(
          link.name(),
          toxiproxy.createProxy(
              link.name(), "127.0.0.1:" + link.listen(), upstreams.get(link.dependency())));
      links.add(link);
    }
    return routed;
  }

  /** The toxics a fault put on, removed by {@link #close}. */
  static final class Injected implements AutoCloseable {
    final List<String> links;
    private final List<Toxic> toxics;

    private Injected(List<String> links, List<Toxic> toxics) {
      this.links = links;
      this.toxics = toxics;
    }

    /** Removes every toxic (once): a blackholed connection is closed then, as Toxiproxy does. */
    @Override
    public synchronized void close() throws IOException {
      IOException failed = null;
      for (Toxic toxic : toxics) {
        try {
          toxic.remove();
        } catch (IOException e) {
          failed = e;
        }
      }
      toxics.clear();
      if (failed != null) {
        throw failed;
      }
    }
  }

  /** Puts the scenario's toxic on every link it hits. */
  synchronized Injected inject(Scenario scenario) throws IOException {
    List<String> hit = new ArrayList<>();
    List<Toxic> toxics = new ArrayList<>();
    Injected injected = new Injected(hit, toxics);
    try {
      for (Link link : links) {
        if (link.dependency() != scenario.dependency() || !scenario.hits(link.process())) {
          continue;
        }
        var list = proxies.get(link.name()).toxics();
        String name = scenario.name();
        switch (scenario.fault()) {
          case LATENCY -> toxics.add(list.latency(name, ToxicDirection.DOWNSTREAM, LATENCY_MS));
          case BLACKHOLE -> {
            toxics.add(list.timeout(name + "-up", ToxicDirection.UPSTREAM, 0));
            toxics.add(list.timeout(name + "-down", ToxicDirection.DOWNSTREAM, 0));
          }
          case RESET -> toxics.add(list.resetPeer(name, ToxicDirection.UPSTREAM, 0));
          case BANDWIDTH ->
              toxics.add(list.bandwidth(name, ToxicDirection.DOWNSTREAM, BANDWIDTH_KBPS));
        }
        hit.add(link.name());
      }
      return injected;
    } catch (IOException | RuntimeException e) {
      injected.close();
      throw e;
    }
  }
}
