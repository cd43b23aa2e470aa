package com.temporalmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.user.UserContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml against the applications' own configuration: env names that bind to real
 * settings, one worker per domain task queue, database names with DDL in sql/, ports that the
 * healthchecks and Prometheus actually use.
 */
class ComposeFileTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> DOMAINS =
      List.of(
          UserContract.TASK_QUEUE,
          ProductContract.TASK_QUEUE,
          OrderContract.TASK_QUEUE,
          PayContract.TASK_QUEUE);

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new Yaml().load(in);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> classpathYaml(String name) throws IOException {
    try (InputStream in = ComposeFileTest.class.getClassLoader().getResourceAsStream(name)) {
      return new Yaml().load(in);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws IOException {
    return (Map<String, Map<String, Object>>)
        yaml(ROOT.resolve("docker-compose.yml")).get("services");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> env(Map<String, Object> service) {
    Map<String, Object> raw = (Map<String, Object>) service.getOrDefault("environment", Map.of());
    return raw.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
  }

  private static boolean runs(Map<String, Object> service, String jar) {
    return String.valueOf(service.get("command")).contains(jar);
  }

  @Test
  @SuppressWarnings("unchecked")
  void oneWorkerPerDomainWithOnlyItsOwnDatabase() throws IOException {
    Map<String, Map<String, Object>> services = services();
    Map<String, Object> db =
        (Map<String, Object>)
            ((Map<String, Object>) classpathYaml("mall-workers.yml").get("mall")).get("db");

    for (String domain : DOMAINS) {
      Map<String, Object> worker = services.get(domain + "-worker");
      assertThat(worker).as(domain + "-worker").isNotNull();
      assertThat(runs(worker, "mall-workers.jar")).isTrue();
      Map<String, String> env = env(worker);
      assertThat(env.get("MALL_DOMAINS")).isEqualTo(domain);
      String prefix = "MALL_DB_" + domain.toUpperCase(Locale.ROOT) + "_";
      assertThat(env.get(prefix + "URL")).isEqualTo("jdbc:mysql://mysql:3306/mall_" + domain);
      assertThat(env.get(prefix + "USERNAME")).isEqualTo("mall_" + domain);
      assertThat(env.get(prefix + "PASSWORD")).startsWith("${" + prefix + "PASSWORD:?");
      assertThat(env.keySet().stream().filter(name -> name.startsWith("MALL_DB_")))
          .as("only its own database's credentials")
          .allMatch(name -> name.startsWith(prefix));
      assertThat(db).as("mall.db.%s is a setting of the worker", domain).containsKey(domain);
      assertThat(ROOT.resolve("sql/mall_" + domain)).isDirectory();
    }
    assertThat(services)
        .as("the order worker hosts the saga: no workflow-only worker")
        .doesNotContainKey("workflow-worker");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theApiReadsEveryDomainDatabaseThroughItsReaderAccountOnly() throws IOException {
    Map<String, String> api = env(services().get("api"));
    Map<String, String> mysql = env(services().get("mysql"));
    Map<String, Object> read =
        (Map<String, Object>)
            ((Map<String, Object>) classpathYaml("mall-api.yml").get("mall")).get("read");
    String init = Files.readString(ROOT.resolve("deploy/mysql/01-mall-databases.sh"));
    assertThat(init)
        .contains(
            "reader_var=\"MALL_DB_${domain^^}_READER_PASSWORD\"",
            "GRANT SELECT ON mall_${domain}.* TO 'mall_${domain}_reader'@'%';")
        .doesNotContain("ON mall_${domain}.* TO 'mall_${domain}_reader'@'%' WITH");

    for (String domain : DOMAINS) {
      String prefix = "MALL_READ_" + domain.toUpperCase(Locale.ROOT) + "_";
      String secret = "MALL_DB_" + domain.toUpperCase(Locale.ROOT) + "_READER_PASSWORD";
      assertThat(api.get(prefix + "URL")).isEqualTo("jdbc:mysql://mysql:3306/mall_" + domain);
      assertThat(api.get(prefix + "USERNAME")).isEqualTo("mall_" + domain + "_reader");
      assertThat(api.get(prefix + "PASSWORD")).startsWith("${" + secret + ":?");
      assertThat(mysql.get(secret)).startsWith("${" + secret + ":?");
      assertThat(read).as("mall.read.%s is a setting of the API", domain).containsKey(domain);
    }
    assertThat(api.keySet()).as("no write account").noneMatch(name -> name.startsWith("MALL_DB_"));
  }

  @Test
  void everyMallProcessReachesTemporalAndIsScrapedOnItsPort() throws IOException {
    Map<String, Map<String, Object>> services = services();
    String prometheus = Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml"));
    Map<String, Object> api = classpathYaml("mall-api.yml");
    Map<String, Object> workers = classpathYaml("mall-workers.yml");
    assertThat(String.valueOf(api)).contains("${TEMPORAL_ADDRESS:", "${PORT:8080}");
    assertThat(String.valueOf(workers)).contains("${TEMPORAL_ADDRESS:", "${PORT:8081}");

    services.forEach(
        (name, service) -> {
          if (!runs(service, "mall-api.jar") && !runs(service, "mall-workers.jar")) {
            return;
          }
          Map<String, String> env = env(service);
          assertThat(env.get("TEMPORAL_ADDRESS")).as(name).isEqualTo("temporal:7233");
          assertThat(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"))
              .as(name)
              .isEqualTo("http://jaeger:4317");
          assertThat(env.get("OTEL_SERVICE_NAME")).as(name).isNotBlank();
          String port = env.get("PORT");
          assertThat(String.valueOf(service.get("healthcheck")))
              .as(name)
              .contains("http://localhost:" + port + "/actuator/health/readiness");
          assertThat(prometheus).as(name).contains(name + ":" + port);
        });
    assertThat(env(services.get("api"))).containsKey("MALL_JWT_SECRET");
    assertThat(services).containsKey("jaeger");
    assertThat(env(services.get("temporal-admin-tools")).get("TEMPORAL_ADDRESS"))
        .isEqualTo("temporal:7233");
  }

  @Test
  void theSandboxProviderSignsWithTheSecretTheApiVerifiesAndThePayWorkerOpensCheckoutsThere()
      throws IOException {
    Map<String, Map<String, Object>> services = services();
    Map<String, String> sandbox = env(services.get("sandbox"));
    assertThat(runs(services.get("sandbox"), "mall-sandbox.jar")).isTrue();
    assertThat(sandbox.get("SANDBOX_WEBHOOK_SECRET"))
        .startsWith("${MALL_PAY_WEBHOOK_SECRET:?")
        .isEqualTo(env(services.get("api")).get("MALL_PAY_WEBHOOK_SECRET"));
    assertThat(sandbox.get("SANDBOX_WEBHOOK_URL")).isEqualTo("http://api:8080/api/pay/callback");
    assertThat(env(services.get("pay-worker")).get("MALL_PAY_PROVIDER_URL"))
        .isEqualTo("http://sandbox:" + sandbox.get("PORT") + "/sandbox/v1");
    assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("/app/mall-sandbox.jar");
  }

  @Test
  @SuppressWarnings("unchecked")
  void temporalRunsWithTheDynamicConfigTheScriptsDevServerGets() throws IOException {
    Path dynamicConfig = ROOT.resolve("deploy/temporal/dynamicconfig/development.yaml");
    Map<String, Object> temporal = services().get("temporal");
    String path = env(temporal).get("DYNAMIC_CONFIG_FILE_PATH");
    assertThat(path).as("DYNAMIC_CONFIG_FILE_PATH").startsWith("/");
    List<String> volumes = (List<String>) temporal.getOrDefault("volumes", List.of());
    assertThat(volumes)
        .as(
            "the temporal service mounts the mall's dynamic config where DYNAMIC_CONFIG_FILE_PATH points")
        .anySatisfy(
            volume ->
                assertThat(volume)
                    .isIn(
                        "./deploy/temporal/dynamicconfig/development.yaml:" + path + ":ro",
                        "./deploy/temporal/dynamicconfig/development.yaml:" + path));
    Map<String, Object> config = yaml(dynamicConfig);
    assertThat(config)
        .containsKeys(
            "history.transferProcessorMaxPollRPS",
            "frontend.enableUpdateWorkflowExecution",
            "frontend.enableExecuteMultiOperation");
    config.forEach(
        (key, values) ->
            assertThat((List<Map<String, Object>>) values)
                .as(
                    "%s: one unconstrained value, as the dev server's --dynamic-config-value takes it",
                    key)
                .singleElement()
                .satisfies(value -> assertThat(value.get("constraints")).isEqualTo(Map.of())));
    assertThat(Files.readString(ROOT.resolve("scripts/lib/temporal-server.sh")))
        .as("the scripts' dev server reads the same file")
        .contains("deploy/temporal/dynamicconfig/development.yaml");
  }

  /** The default of a `NAME="${NAME:-default}"` line of a script. */
  private static String scriptDefault(String script, String name) throws IOException {
    Matcher matcher =
        Pattern.compile("(?m)^" + name + "=\"\\$\\{" + name + ":-([^}]*)}\"$")
            .matcher(Files.readString(ROOT.resolve(script)));
    assertThat(matcher.find()).as("%s sets a default for %s", script, name).isTrue();
    return matcher.group(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void temporalRunsOnTheStoreShardsAndDynamicConfigOfTheTestedProductionEngine()
      throws IOException {
    String script = "scripts/lib/temporal-production.sh";
    Map<String, Object> tested = yaml(ROOT.resolve("deploy/temporal/production-postgres12.yaml"));
    Map<String, Object> persistence = (Map<String, Object>) tested.get("persistence");
    Map<String, Map<String, Object>> stores =
        (Map<String, Map<String, Object>>) persistence.get("datastores");
    for (String store : List.of("defaultStore", "visibilityStore")) {
      Map<String, Object> sql = (Map<String, Object>) stores.get(persistence.get(store)).get("sql");
      assertThat(sql.get("pluginName")).as("tested %s", store).isEqualTo("postgres12");
    }
    assertThat(persistence.get("numHistoryShards"))
        .as("the tested shard count is the script's setting")
        .isEqualTo("__HISTORY_SHARDS__");
    String shards = scriptDefault(script, "MALL_PROD_TEMPORAL_SHARDS");
    assertThat(Integer.parseInt(shards)).as("several history shards").isGreaterThan(1);
    assertThat(((Map<String, Object>) tested.get("dynamicConfigClient")).get("filepath"))
        .isEqualTo("__DYNAMIC_CONFIG__");
    assertThat(scriptDefault(script, "MALL_PROD_DYNAMIC_CONFIG"))
        .isEqualTo("$MALL_ROOT/deploy/temporal/dynamicconfig/development.yaml");

    Map<String, Map<String, Object>> services = services();
    Map<String, Object> temporal = services.get("temporal");
    Map<String, String> env = env(temporal);
    assertThat(String.valueOf(temporal.get("image"))).startsWith("temporalio/auto-setup:");
    assertThat(env.get("DB")).as("Temporal's store kind").isEqualTo("postgres12");
    assertThat(env.get("NUM_HISTORY_SHARDS")).as("Temporal's history shards").isEqualTo(shards);
    assertThat(env.get("DYNAMIC_CONFIG_FILE_PATH"))
        .isEqualTo("/etc/temporal/config/dynamicconfig/mall.yaml");
    assertThat((List<String>) temporal.get("volumes"))
        .contains(
            "./deploy/temporal/dynamicconfig/development.yaml:"
                + env.get("DYNAMIC_CONFIG_FILE_PATH")
                + ":ro");
    assertThat(env.keySet()).as("no MySQL for Temporal").noneMatch(k -> k.startsWith("MYSQL"));

    String postgres = env.get("POSTGRES_SEEDS");
    assertThat(services).containsKey(postgres);
    assertThat(String.valueOf(services.get(postgres).get("image"))).startsWith("postgres:");
    assertThat(env(services.get(postgres)).get("POSTGRES_USER"))
        .isEqualTo(env.get("POSTGRES_USER"));
    assertThat(String.valueOf(services.get(postgres).get("healthcheck"))).contains("pg_isready");
    assertThat(String.valueOf(temporal.get("depends_on")))
        .isEqualTo("{" + postgres + "={condition=service_healthy}}");
    assertThat(env.get("POSTGRES_PWD")).startsWith("${TEMPORAL_DB_PASSWORD:?");
    assertThat(env(services.get(postgres)).get("POSTGRES_PASSWORD"))
        .startsWith("${TEMPORAL_DB_PASSWORD:?");
    // The mall's domains stay on MySQL 8.
    assertThat(String.valueOf(services.get("mysql").get("image"))).startsWith("mysql:8");
  }

  @Test
  void mysqlCreatesEveryDomainDatabaseAndNoSecretIsWrittenDown() throws IOException {
    String init = Files.readString(ROOT.resolve("deploy/mysql/01-mall-databases.sh"));
    assertThat(init).contains("for domain in " + String.join(" ", DOMAINS));
    String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
    assertThat(compose).doesNotContainPattern("(?i)(PASSWORD|SECRET)[A-Z_]*: [^$\\s\"]");
  }
}
