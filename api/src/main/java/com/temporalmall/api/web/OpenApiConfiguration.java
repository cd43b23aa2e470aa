package com.temporalmall.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The spec at /v3/api-docs (Swagger UI at /swagger-ui.html) is generated from the controllers; this
 * adds what springdoc cannot see there: which operations need no token, the Idempotency-Key's
 * format, and every problem+json answer an operation can give, with its {@code type} values (the
 * table below; OpenApiDocumentTest checks the served document against the controllers).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
  static final String PROBLEM_SCHEMA = "Problem";

  /**
   * Operations that need no bearer token; every other one needs it (401 without). The provider's
   * callback is signed instead (401 {@code invalid-signature} without a valid signature).
   */
  static final Set<String> PUBLIC =
      Set.of("/api/user/register", "/api/user/login", SecurityConfiguration.PROVIDER_CALLBACK);

  private static final List<ProblemType> EVERY_OPERATION =
      List.of(
          ProblemType.VALIDATION,
          ProblemType.MALFORMED_REQUEST,
          ProblemType.PAYLOAD_TOO_LARGE,
          ProblemType.UNSUPPORTED_MEDIA_TYPE);
  private static final List<ProblemType> KEYED =
      List.of(ProblemType.INVALID_IDEMPOTENCY_KEY, ProblemType.IDEMPOTENCY_KEY_REUSED);
  private static final List<ProblemType> WRITE =
      List.of(ProblemType.WORKFLOW_FAILED, ProblemType.TEMPORAL_UNAVAILABLE, ProblemType.TIMED_OUT);
  private static final List<ProblemType> READ = List.of(ProblemType.DATABASE_UNAVAILABLE);
  private static final List<ProblemType> OWNED =
      List.of(ProblemType.FORBIDDEN, ProblemType.NOT_FOUND);

  /** What each operation can answer besides 200. */
  static final Map<String, List<ProblemType>> PROBLEMS =
      Map.ofEntries(
          Map.entry("/api/user/register", all(KEYED, WRITE, List.of(ProblemType.CONFLICT))),
          Map.entry("/api/user/login", all(READ, List.of(ProblemType.BAD_CREDENTIALS))),
          Map.entry("/api/user/userinfo", all(READ, List.of(ProblemType.NOT_FOUND))),
          Map.entry("/api/product/create", all(KEYED, WRITE)),
          Map.entry("/api/product/update", all(OWNED, WRITE)),
          Map.entry("/api/product/remove", all(OWNED, WRITE)),
          Map.entry("/api/product/detail", all(READ, List.of(ProblemType.NOT_FOUND))),
          Map.entry(
              "/api/order/create",
              all(
                  KEYED,
                  // Never workflow-failed: each close of an order has its final answer.
                  List.of(ProblemType.TEMPORAL_UNAVAILABLE, ProblemType.TIMED_OUT),
                  READ,
                  OWNED,
                  List.of(
                      ProblemType.INVALID_REQUEST,
                      ProblemType.INSUFFICIENT_STOCK,
                      ProblemType.CONFLICT,
                      ProblemType.ORDER_COMPENSATED))),
          Map.entry("/api/order/detail", all(READ, OWNED)),
          Map.entry("/api/order/list", all(READ, List.of(ProblemType.FORBIDDEN))),
          Map.entry(
              "/api/order/update",
              all(READ, OWNED, WRITE, List.of(ProblemType.INVALID_REQUEST, ProblemType.CONFLICT))),
          Map.entry("/api/order/remove", all(OWNED, WRITE, List.of(ProblemType.CONFLICT))),
          Map.entry(
              "/api/pay/create",
              all(
                  READ,
                  OWNED,
                  WRITE,
                  List.of(
                      ProblemType.INVALID_REQUEST,
                      ProblemType.CONFLICT,
                      ProblemType.PAYMENT_PROVIDER_UNAVAILABLE))),
          Map.entry("/api/pay/detail", all(READ, OWNED)),
          Map.entry(
              "/api/pay/callback",
              all(
                  READ,
                  WRITE,
                  List.of(
                      ProblemType.INVALID_SIGNATURE,
                      ProblemType.INVALID_REQUEST,
                      ProblemType.NOT_FOUND))));

  /**
   * A request each operation would accept, in the README walk-through's terms (bob's kettle at
   * 19.99): ids and amounts must of course be the caller's own.
   */
  static final Map<String, String> EXAMPLES =
      Map.ofEntries(
          Map.entry(
              "/api/user/register",
              """
              {"name":"bob","gender":1,"mobile":"13800000000","password":"bob-pass"}"""),
          Map.entry("/api/user/login", "{\"mobile\":\"13800000000\",\"password\":\"bob-pass\"}"),
          Map.entry("/api/user/userinfo", "{}"),
          Map.entry(
              "/api/product/create",
              """
              {"name":"kettle","desc":"1.7 l","stock":1,"amount":1999,"status":1}"""),
          Map.entry(
              "/api/product/update",
              """
              {"id":1,"name":"kettle","desc":"1.7 l","stock":10,"amount":1999,"status":1}"""),
          Map.entry("/api/product/remove", "{\"id\":1}"),
          Map.entry("/api/product/detail", "{\"id\":1}"),
          Map.entry("/api/order/create", "{\"pid\":1,\"num\":1}"),
          Map.entry("/api/order/detail", "{\"id\":1}"),
          Map.entry("/api/order/list", "{}"),
          Map.entry("/api/order/update", "{\"id\":1,\"status\":9}"),
          Map.entry("/api/order/remove", "{\"id\":1}"),
          Map.entry("/api/pay/create", "{\"oid\":1,\"amount\":1999}"),
          Map.entry("/api/pay/detail", "{\"id\":1}"),
          Map.entry(
              "/api/pay/callback",
              """
              {"id":"evt_3f9a2c","type":"checkout.captured","checkout":"co_8d1e4b","reference":1,\
              "amount":1999,"currency":"CNY","created":1796129118}"""));

  @SafeVarargs
  private static List<ProblemType> all(List<ProblemType>... groups) {
    List<ProblemType> problems = new ArrayList<>();
    for (List<ProblemType> group : groups) {
      problems.addAll(group);
    }
    return List.copyOf(problems);
  }

  @Bean
  OpenAPI mallOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("temporal-mall")
                .version("0.1.0")
                .description(
                    "The go-zero mall HTTP contract; every order is a Temporal saga. Errors are"
                        + " application/problem+json. Sign in with /api/user/login and use the"
                        + " accessToken as bearer token."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }

  @Bean
  OpenApiCustomizer mallOperations() {
    return openApi -> {
      openApi
          .getComponents()
          .getSchemas()
          .values()
          .forEach(OpenApiConfiguration::optionalMayBeNull);
      openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
      openApi
          .getPaths()
          .forEach(
              (path, item) ->
                  item.readOperations().forEach(operation -> describe(path, operation)));
    };
  }

  /**
   * An optional field of a request may be sent as {@code null} (go-zero clients do): the API treats
   * it as absent, and the document says so.
   */
  private static void optionalMayBeNull(Schema<?> schema) {
    if (schema.getProperties() == null) {
      return;
    }
    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
    schema
        .getProperties()
        .forEach(
            (name, property) -> {
              if (!required.contains(name) && property.get$ref() == null) {
                mayBeNull(property);
              }
            });
  }

  private static void mayBeNull(Schema<?> schema) {
    if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
      schema.addType("null");
    } else {
      schema.setNullable(true);
    }
  }

  private static void describe(String path, Operation operation) {
    // /api/order/create: tag "order", operationId "orderCreate" - names a generated client keeps
    String domain = path.substring("/api/".length(), path.lastIndexOf('/'));
    String action = path.substring(path.lastIndexOf('/') + 1);
    operation.setTags(List.of(domain));
    operation.setOperationId(
        domain + Character.toUpperCase(action.charAt(0)) + action.substring(1));
    if (PUBLIC.contains(path)) {
      operation.setSecurity(List.of());
    }
    if (operation.getRequestBody() != null && EXAMPLES.containsKey(path)) {
      JsonNode example = readJson(EXAMPLES.get(path));
      operation.getRequestBody().getContent().values().forEach(media -> media.setExample(example));
    }
    if (operation.getRequestBody() != null
        && !Boolean.TRUE.equals(operation.getRequestBody().getRequired())) {
      operation
          .getRequestBody()
          .getContent()
          .values()
          .forEach(media -> mayBeNull(media.getSchema()));
    }
    if (operation.getParameters() != null) {
      operation.getParameters().stream()
          .filter(parameter -> IdempotencyKey.HEADER.equals(parameter.getName()))
          .forEach(
              parameter ->
                  parameter
                      .description(
                          "Makes the request safe to retry: the same request with the same key"
                              + " gets the first outcome; a different request with it is a 422")
                      .schema(
                          new StringSchema()
                              .pattern(IdempotencyKey.PATTERN)
                              .minLength(1)
                              .maxLength(IdempotencyKey.MAX_LENGTH)
                              .example("checkout-42")));
    }
    List<ProblemType> problems = new ArrayList<>(EVERY_OPERATION);
    problems.addAll(PROBLEMS.getOrDefault(path, List.of()));
    if (!PUBLIC.contains(path)) {
      problems.add(ProblemType.UNAUTHORIZED);
    }
    Map<Integer, List<ProblemType>> typesByStatus =
        problems.stream()
            .collect(
                Collectors.groupingBy(
                    type -> type.status().value(), TreeMap::new, Collectors.toList()));
    typesByStatus.forEach(
        (status, types) ->
            operation.getResponses().addApiResponse(String.valueOf(status), problem(types)));
  }

  private static ApiResponse problem(Collection<ProblemType> types) {
    return new ApiResponse()
        .description(
            "application/problem+json with type "
                + types.stream()
                    .map(type -> type.uri().toString())
                    .collect(Collectors.joining(", ")))
        .content(
            new Content()
                .addMediaType(
                    org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
  }

  /** RFC 9457 problem details, with the mall's extension members. */
  private static Schema<?> problemSchema() {
    return new ObjectSchema()
        .description("RFC 9457 problem details; switch on type")
        .addProperty("type", new StringSchema().format("uri"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema().format("uri-reference"))
        .addProperty(
            "errors",
            new ArraySchema()
                .description("validation: one entry per invalid field")
                .items(
                    new ObjectSchema()
                        .addProperty("field", new StringSchema())
                        .addProperty("message", new StringSchema())))
        .addProperty(
            "orderId",
            new IntegerSchema()
                .format("int64")
                .description("insufficient-stock, order-compensated: the compensated order"))
        .addProperty(
            "workflowId",
            new StringSchema().description("timed-out: the workflow that keeps running"))
        .required(List.of("type", "title", "status"));
  }

  /** The document is written by swagger-core's own (Jackson 2) mapper: examples are its nodes. */
  private static JsonNode readJson(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("example is not JSON: " + json, e);
    }
  }
}
