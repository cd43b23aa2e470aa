package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.temporalmall.api.pay.ProviderEvent;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The served OpenAPI document against the controllers that really answer: each operation's request
 * schema has exactly the fields of the record the controller binds, a token is required everywhere
 * but register and login, the Idempotency-Key's format is documented, and every operation documents
 * its problem+json answers.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  @Autowired TestRestTemplate rest;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private JsonNode document() {
    return rest.getForObject("/v3/api-docs", JsonNode.class);
  }

  /** Every /api operation: its path and the handler that answers it. */
  private Map<String, HandlerMethod> apiHandlers() {
    return mappings.getHandlerMethods().entrySet().stream()
        .flatMap(
            entry ->
                paths(entry.getKey()).stream()
                    .filter(path -> path.startsWith("/api/"))
                    .map(path -> Map.entry(path, entry.getValue())))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static Set<String> paths(RequestMappingInfo info) {
    return info.getPathPatternsCondition() == null
        ? Set.of()
        : info.getPathPatternsCondition().getPatternValues();
  }

  @Test
  void everyRequestSchemaHasTheFieldsOfTheRecordItsControllerBinds() {
    JsonNode document = document();
    Map<String, HandlerMethod> handlers = apiHandlers();
    assertThat(handlers).hasSizeGreaterThanOrEqualTo(15);
    Map<String, Class<?>> recordBySchema = new java.util.HashMap<>();
    handlers.forEach(
        (path, handler) -> {
          Class<?> parameterType =
              Arrays.stream(handler.getMethod().getParameters())
                  .filter(parameter -> parameter.isAnnotationPresent(RequestBody.class))
                  .map(Parameter::getType)
                  .findFirst()
                  .orElseThrow();
          // The provider's callback takes its raw bytes (the signature covers them) and parses
          // them into its event afterwards.
          Class<?> bound =
              parameterType == byte[].class && path.equals("/api/pay/callback")
                  ? ProviderEvent.class
                  : parameterType;
          if (!bound.isRecord()) {
            return;
          }
          String ref =
              document
                  .at("/paths/" + path.replace("/", "~1") + "/post/requestBody/content")
                  .iterator()
                  .next()
                  .at("/schema/$ref")
                  .asString();
          String schemaName = ref.substring(ref.lastIndexOf('/') + 1);
          assertThat(recordBySchema.putIfAbsent(schemaName, bound))
              .as("schema %s names one record only", schemaName)
              .isIn(null, bound);
          Set<String> documented = new HashSet<>();
          document
              .at("/components/schemas/" + schemaName + "/properties")
              .propertyNames()
              .forEach(documented::add);
          Set<String> components =
              Arrays.stream(bound.getRecordComponents())
                  .map(RecordComponent::getName)
                  .collect(Collectors.toSet());
          assertThat(documented).as(path + " documents " + schemaName).isEqualTo(components);
        });
    assertThat(recordBySchema).as("one schema per bound record").hasSizeGreaterThanOrEqualTo(12);
  }

  @Test
  void optionalRequestFieldsMayBeNullAndRequiredOnesMayNot() {
    JsonNode order = document().at("/components/schemas/OrderCreateRequest");
    assertThat(order.at("/required").toString()).contains("pid");
    assertThat(order.at("/properties/uid").toString()).as("optional").contains("null");
    assertThat(order.at("/properties/pid").toString()).as("required").doesNotContain("null");
  }

  @Test
  void onlyRegisterAndLoginNeedNoTokenAndTheProvidersCallbackASignature() {
    JsonNode document = document();
    assertThat(document.at("/security/0").has("bearer")).isTrue();
    for (String path : apiHandlers().keySet()) {
      JsonNode security = document.at("/paths/" + path.replace("/", "~1") + "/post/security");
      JsonNode unauthorized =
          document.at("/paths/" + path.replace("/", "~1") + "/post/responses/401");
      if (List.of("/api/user/register", "/api/user/login").contains(path)) {
        assertThat(security.isArray() && security.isEmpty()).as(path).isTrue();
      } else if (path.equals("/api/pay/callback")) {
        assertThat(security.isArray() && security.isEmpty()).as(path).isTrue();
        assertThat(unauthorized.at("/description").asString())
            .as(path)
            .contains("invalid-signature")
            .doesNotContain("unauthorized");
        assertThat(document.at("/paths/~1api~1pay~1callback/post/parameters/0/name").asString())
            .isEqualTo("Mall-Pay-Signature");
      } else {
        assertThat(security.isMissingNode()).as(path + " keeps the global bearer").isTrue();
        assertThat(unauthorized.at("/description").asString()).as(path).contains("unauthorized");
      }
    }
  }

  @Test
  void theIdempotencyKeyIsDocumentedWithItsFormatWhereverItIsTaken() {
    JsonNode document = document();
    for (String path : List.of("/api/user/register", "/api/product/create", "/api/order/create")) {
      JsonNode key = null;
      for (JsonNode parameter :
          document.at("/paths/" + path.replace("/", "~1") + "/post/parameters")) {
        if (parameter.at("/name").asString().equals("Idempotency-Key")) {
          key = parameter;
        }
      }
      assertThat(key).as(path).isNotNull();
      assertThat(key.at("/in").asString()).isEqualTo("header");
      assertThat(key.at("/schema/pattern").asString()).isEqualTo("^[A-Za-z0-9_.:-]{1,64}$");
      assertThat(key.at("/schema/maxLength").asInt()).isEqualTo(64);
      assertThat(key.at("/description").asString()).contains("422");
    }
  }

  @Test
  void everyOperationDocumentsItsProblemAnswers() {
    JsonNode document = document();
    assertThat(document.at("/components/schemas/Problem/properties/type").isMissingNode())
        .isFalse();
    for (String path : apiHandlers().keySet()) {
      JsonNode responses = document.at("/paths/" + path.replace("/", "~1") + "/post/responses");
      assertThat(responses.has("200")).as(path).isTrue();
      assertThat(responses.at("/400/description").asString()).as(path).contains("validation");
      assertThat(responses.at("/413/description").asString())
          .as(path)
          .contains("payload-too-large");
      assertThat(responses.at("/400/content/application~1problem+json/schema/$ref").asString())
          .isEqualTo("#/components/schemas/Problem");
    }
    JsonNode order = document.at("/paths/~1api~1order~1create/post/responses");
    assertThat(order.at("/409/description").asString())
        .contains("insufficient-stock")
        .contains("conflict");
    assertThat(order.at("/422/description").asString()).contains("idempotency-key-reused");
    assertThat(order.at("/503/description").asString()).contains("order-compensated");
    assertThat(order.at("/504/description").asString()).contains("timed-out");
  }

  @Test
  void everyRequestHasAnExampleThatBindsAndValidates() {
    JsonNode document = document();
    MallClient user = MallClient.signUp(rest, "examples", "13600000098");
    for (String path : apiHandlers().keySet()) {
      JsonNode example =
          document.at(
              "/paths/"
                  + path.replace("/", "~1")
                  + "/post/requestBody/content/application~1json/example");
      assertThat(example.isObject()).as(path + " has an example").isTrue();
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.APPLICATION_JSON);
      headers.setBearerAuth(user.token());
      ResponseEntity<JsonNode> answer =
          rest.postForEntity(path, new HttpEntity<>(example.toString(), headers), JsonNode.class);
      assertThat(answer.getBody() == null ? "" : answer.getBody().path("type").asString(""))
          .as("%s answered %s to its example %s", path, answer.getStatusCode(), example)
          .doesNotEndWith("/validation")
          .doesNotEndWith("/malformed-request");
    }
  }

  /**
   * docs/openapi.json - what clients generate from (GeneratedClientTest does) - is the served
   * document, without its servers (the port it was served on). After an API change, the failure
   * leaves the served one in standalone/target/openapi.json to copy over.
   */
  @Test
  void theCommittedDocumentIsTheServedOne() throws Exception {
    ObjectNode served = (ObjectNode) document();
    served.remove("servers");
    Path fresh = Path.of("target", "openapi.json");
    Files.writeString(fresh, served.toPrettyString() + "\n");
    JsonNode committed = JSON.readTree(Files.readString(Path.of("..", "docs", "openapi.json")));
    assertThat(committed)
        .as("docs/openapi.json is out of date: cp standalone/%s docs/openapi.json", fresh)
        .isEqualTo(served);
  }
}
