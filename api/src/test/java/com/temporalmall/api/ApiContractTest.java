package com.temporalmall.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.temporalmall.api.order.OrderController;
import com.temporalmall.api.order.OrderReads;
import com.temporalmall.api.order.OrderView;
import com.temporalmall.api.pay.PayController;
import com.temporalmall.api.pay.PayReads;
import com.temporalmall.api.pay.PayWebhooks;
import com.temporalmall.api.product.ProductController;
import com.temporalmall.api.product.ProductReads;
import com.temporalmall.api.temporal.DomainWrites;
import com.temporalmall.api.temporal.OrderPayments;
import com.temporalmall.api.temporal.OrderPlacements;
import com.temporalmall.api.temporal.OrderPlacements.PlaceOrder;
import com.temporalmall.api.user.UserController;
import com.temporalmall.api.user.UserCredentials;
import com.temporalmall.api.user.UserReads;
import com.temporalmall.api.web.IdempotencyKey;
import com.temporalmall.api.web.IdempotencyKeys;
import com.temporalmall.api.web.JwtIssuer;
import com.temporalmall.api.web.Problems;
import com.temporalmall.api.web.SecurityConfiguration;
import com.temporalmall.webhook.WebhookSignature;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.PayCallback;
import com.temporalmall.workflows.order.PlacedOrder;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.product.ProductView;
import com.temporalmall.workflows.user.NewUser;
import com.temporalmall.workflows.user.UserContract;
import com.temporalmall.workflows.user.UserView;
import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The controllers' HTTP contract as a web slice: the MVC layer, security, filters and problem
 * answers, with the Temporal client side and the database reads replaced by mocks (no server, no
 * database).
 */
@WebMvcTest(
    controllers = {
      UserController.class,
      ProductController.class,
      OrderController.class,
      PayController.class
    },
    properties = {
      "spring.config.name=mall-api",
      "mall.jwt.secret=api-test-secret-api-test-secret-api-test",
      "mall.pay.webhook-secret=" + ApiContractTest.WEBHOOK_SECRET
    })
@Import({SecurityConfiguration.class, JwtIssuer.class, IdempotencyKeys.class, PayWebhooks.class})
class ApiContractTest {
  private static final String PROBLEM_JSON = "application/problem+json";
  static final String WEBHOOK_SECRET = "api-test-webhook-secret-api-test-webhook";

  @Autowired MockMvc mvc;
  @Autowired JwtIssuer tokens;
  @Autowired PasswordEncoder passwords;
  @Autowired JsonMapper json;
  @MockitoBean DomainWrites writes;
  @MockitoBean OrderPlacements placements;
  @MockitoBean OrderPayments payments;
  @MockitoBean UserReads users;
  @MockitoBean OrderReads orders;
  @MockitoBean PayReads pays;
  @MockitoBean ProductReads products;

  private ResultActions postJson(String path, String token, String body) throws Exception {
    var request = post(path).contentType(MediaType.APPLICATION_JSON).content(body);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return perform(request);
  }

  /**
   * Order creation answers asynchronously: dispatch the async result like the servlet container.
   */
  private ResultActions perform(org.springframework.test.web.servlet.RequestBuilder request)
      throws Exception {
    ResultActions actions = mvc.perform(request);
    org.springframework.test.web.servlet.MvcResult started = actions.andReturn();
    return started.getRequest().isAsyncStarted()
        ? mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(
                started))
        : actions;
  }

  private String tokenFor(long uid) {
    return tokens.issue(uid).getTokenValue();
  }

  private static WorkflowFailedException failedWith(ApplicationFailure cause) {
    return new WorkflowFailedException(
        WorkflowExecution.newBuilder().setWorkflowId("wf").setRunId("run").build(),
        OrderContract.Workflows.ORDER_SAGA,
        io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
        5,
        RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
        cause);
  }

  @Test
  void registerHashesThePasswordBeforeItLeavesTheApi() throws Exception {
    when(writes.register(any(), any())).thenReturn(new UserView(1, "alice", 2, "13900000000"));

    postJson(
            "/api/user/register",
            null,
            "{\"name\":\"alice\",\"gender\":2,\"mobile\":\"13900000000\",\"password\":\"alice-pw\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(1))
        .andExpect(jsonPath("$.password").doesNotExist());

    ArgumentCaptor<NewUser> sent = ArgumentCaptor.forClass(NewUser.class);
    verify(writes).register(sent.capture(), org.mockito.ArgumentMatchers.isNull());
    NewUser user = sent.getValue();
    assertThat(user.gid()).startsWith(UserContract.registerWorkflowId(""));
    assertThat(user.passwordHash()).isNotEqualTo("alice-pw");
    assertThat(passwords.matches("alice-pw", user.passwordHash())).isTrue();
  }

  @Test
  void invalidRegistrationIsA400ProblemListingTheFields() throws Exception {
    postJson(
            "/api/user/register",
            null,
            "{\"name\":\"\",\"gender\":7,\"mobile\":\"abc\",\"password\":\"x\"}")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://temporal-mall.dev/problems/validation"))
        .andExpect(jsonPath("$.errors.length()").value(4));
    verifyNoInteractions(writes);
  }

  @Test
  void aPasswordOfFewerThanSixCharactersIsA400EvenInSixUtf16Chars() throws Exception {
    String threeEmoji = "\uD83D\uDE00".repeat(3); // 3 characters, 6 UTF-16 chars
    postJson(
            "/api/user/register",
            null,
            "{\"name\":\"alice\",\"gender\":2,\"mobile\":\"13900000000\",\"password\":\""
                + threeEmoji
                + "\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("password"));
    verifyNoInteractions(writes);
  }

  @Test
  void aPasswordOver72BytesIsA400EvenWhenItHasFewerThan72Characters() throws Exception {
    String thirtyEuros = "€".repeat(30); // 30 chars, 90 bytes: beyond what BCrypt can hash
    postJson(
            "/api/user/register",
            null,
            "{\"name\":\"alice\",\"gender\":2,\"mobile\":\"13900000000\",\"password\":\""
                + thirtyEuros
                + "\"}")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("password"));
    postJson(
            "/api/user/login",
            null,
            "{\"mobile\":\"13900000000\",\"password\":\"" + thirtyEuros + "\"}")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON));
    verifyNoInteractions(writes, users);
  }

  @Test
  void malformedJsonAndWrongContentTypeAreClientErrors() throws Exception {
    postJson("/api/user/register", null, "{\"name\":")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(
            jsonPath("$.type").value("https://temporal-mall.dev/problems/malformed-request"));
    mvc.perform(post("/api/user/register").contentType(MediaType.TEXT_PLAIN).content("hello"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(
            jsonPath("$.type").value("https://temporal-mall.dev/problems/unsupported-media-type"));
    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                "/api/user/register"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON));
  }

  @Test
  void aTakenMobileIsA409() throws Exception {
    when(writes.register(any(), any()))
        .thenThrow(failedWith(MallFailures.conflict("mobile 13900000000 is already registered")));

    postJson(
            "/api/user/register",
            null,
            "{\"name\":\"alice\",\"gender\":2,\"mobile\":\"13900000000\",\"password\":\"alice-pw\"}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://temporal-mall.dev/problems/conflict"));
  }

  @Test
  void loginIssuesATokenThatAuthenticatesUserinfo() throws Exception {
    when(users.credentials("13900000000"))
        .thenReturn(Optional.of(new UserCredentials(7, passwords.encode("alice-pw"))));
    when(users.info(7L)).thenReturn(new UserView(7, "alice", 2, "13900000000"));

    String body =
        postJson("/api/user/login", null, "{\"mobile\":\"13900000000\",\"password\":\"alice-pw\"}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.accessExpire").isNumber())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String token = json.readTree(body).get("accessToken").asString();

    postJson("/api/user/userinfo", token, "{}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(7));
  }

  @Test
  void wrongPasswordAndUnknownMobileGetTheSame401() throws Exception {
    when(users.credentials("13900000000"))
        .thenReturn(Optional.of(new UserCredentials(7, passwords.encode("alice-pw"))));
    when(users.credentials("13900000009")).thenReturn(Optional.empty());

    for (String login :
        new String[] {
          "{\"mobile\":\"13900000000\",\"password\":\"wrong-pw\"}",
          "{\"mobile\":\"13900000009\",\"password\":\"alice-pw\"}"
        }) {
      postJson("/api/user/login", null, login)
          .andExpect(status().isUnauthorized())
          .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
          .andExpect(jsonPath("$.detail").value("Wrong mobile or password"));
    }
    verifyNoInteractions(writes);
  }

  @Test
  void missingTamperedOrExpiredTokensAre401Problems() throws Exception {
    postJson("/api/user/userinfo", null, "{}")
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON));
    String token = tokenFor(7);
    String tampered =
        token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    postJson("/api/user/userinfo", tampered, "{}").andExpect(status().isUnauthorized());

    var expiredEncoder =
        new org.springframework.security.oauth2.jwt.NimbusJwtEncoder(
            new com.nimbusds.jose.jwk.source.ImmutableSecret<>(
                "api-test-secret-api-test-secret-api-test".getBytes(StandardCharsets.UTF_8)));
    java.time.Instant past = java.time.Instant.now().minusSeconds(3600);
    String expired =
        expiredEncoder
            .encode(
                org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(
                    org.springframework.security.oauth2.jwt.JwsHeader.with(
                            org.springframework.security.oauth2.jose.jws.MacAlgorithm.HS256)
                        .build(),
                    org.springframework.security.oauth2.jwt.JwtClaimsSet.builder()
                        .subject("7")
                        .claim("uid", 7)
                        .issuedAt(past.minusSeconds(60))
                        .expiresAt(past)
                        .build()))
            .getTokenValue();
    postJson("/api/user/userinfo", expired, "{}").andExpect(status().isUnauthorized());
  }

  @Test
  void orderCreateTakesTheUserFromTheToken() throws Exception {
    when(placements.place(any(), any()))
        .thenReturn(CompletableFuture.completedFuture(new PlacedOrder(11, 500)));

    postJson("/api/order/create", tokenFor(7), "{\"pid\":3,\"num\":2,\"status\":0}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(11));

    verify(placements).place(eq(new PlaceOrder(7, 3, 2, null)), any());
  }

  @Test
  void aBodyUidOfAnotherUserIs403AndStartsNothing() throws Exception {
    postJson("/api/order/create", tokenFor(7), "{\"pid\":3,\"uid\":8}")
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON));
    verify(placements, never()).place(any(), any());
  }

  @Test
  void sagaOutcomesMapToProblems() throws Exception {
    when(placements.place(eq(new PlaceOrder(7, 1, 1, null)), any()))
        .thenReturn(
            CompletableFuture.failedFuture(
                failedWith(
                    ApplicationFailure.newNonRetryableFailure(
                        "no stock", MallFailures.INSUFFICIENT_STOCK, 12L))));
    when(placements.place(eq(new PlaceOrder(7, 2, 1, null)), any()))
        .thenReturn(
            CompletableFuture.failedFuture(failedWith(MallFailures.notFound("no product 2"))));
    when(placements.place(eq(new PlaceOrder(7, 3, 1, 1L)), any()))
        .thenReturn(
            CompletableFuture.failedFuture(failedWith(MallFailures.invalidRequest("amount"))));
    when(placements.place(eq(new PlaceOrder(7, 4, 1, null)), any()))
        .thenReturn(
            CompletableFuture.failedFuture(
                new WorkflowServiceException(
                    WorkflowExecution.newBuilder().setWorkflowId("wf").build(),
                    OrderContract.Workflows.ORDER_SAGA,
                    Status.UNAVAILABLE.asRuntimeException())));
    when(placements.place(eq(new PlaceOrder(7, 5, 1, null)), any()))
        .thenReturn(
            CompletableFuture.failedFuture(
                new com.temporalmall.api.web.ProblemException(
                    com.temporalmall.api.temporal.TemporalOutcomes.timedOut(
                        OrderContract.workflowId("abc")))));

    when(placements.place(eq(new PlaceOrder(7, 6, 1, null)), any()))
        .thenReturn(
            CompletableFuture.failedFuture(
                failedWith(MallFailures.idempotencyKeyReused("first used for another request"))));

    String token = tokenFor(7);
    postJson("/api/order/create", token, "{\"pid\":6}")
        .andExpect(status().isUnprocessableContent())
        .andExpect(
            jsonPath("$.type").value("https://temporal-mall.dev/problems/idempotency-key-reused"));
    postJson("/api/order/create", token, "{\"pid\":1}")
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.type").value("https://temporal-mall.dev/problems/insufficient-stock"))
        .andExpect(jsonPath("$.orderId").value(12));
    postJson("/api/order/create", token, "{\"pid\":2}").andExpect(status().isNotFound());
    postJson("/api/order/create", token, "{\"pid\":3,\"amount\":1}")
        .andExpect(status().isBadRequest());
    postJson("/api/order/create", token, "{\"pid\":4}")
        .andExpect(status().isServiceUnavailable())
        .andExpect(
            jsonPath("$.type").value("https://temporal-mall.dev/problems/temporal-unavailable"));
    postJson("/api/order/create", token, "{\"pid\":5}")
        .andExpect(status().isGatewayTimeout())
        .andExpect(jsonPath("$.type").value("https://temporal-mall.dev/problems/timed-out"))
        .andExpect(jsonPath("$.workflowId").value(OrderContract.workflowId("abc")));
  }

  @Test
  void anotherUsersOrderIs403() throws Exception {
    when(orders.detail(5L))
        .thenReturn(new OrderView(5, 8, 3, 500, 2, 0, OrderContract.workflowId("x")));

    postJson("/api/order/detail", tokenFor(7), "{\"id\":5}").andExpect(status().isForbidden());
    postJson("/api/order/detail", tokenFor(8), "{\"id\":5}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.amount").value(500));
    verifyNoInteractions(writes);
  }

  @Test
  void readsAreServedWithoutAWorkflowAndAnUnknownIdIsA404() throws Exception {
    when(products.detail(3L)).thenReturn(new ProductView(3, "kettle", "1.7 l", 4, 1999, 1));
    when(products.detail(4L)).thenThrow(Problems.notFound("product 4 does not exist"));
    when(orders.list(8L))
        .thenReturn(List.of(new OrderView(6, 8, 3, 500, 1, 0, OrderContract.workflowId("y"))));
    when(pays.detail(9L)).thenReturn(new PayView(9, 8, 6, 500, 1, 0, "co_9"));
    String token = tokenFor(8);

    postJson("/api/product/detail", token, "{\"id\":3}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.desc").value("1.7 l"));
    postJson("/api/product/detail", token, "{\"id\":4}")
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://temporal-mall.dev/problems/not-found"));
    postJson("/api/order/list", token, "{}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].id").value(6));
    postJson("/api/order/list", token, "{\"uid\":7}").andExpect(status().isForbidden());
    postJson("/api/pay/detail", token, "{\"id\":9}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.oid").value(6));
    postJson("/api/pay/detail", tokenFor(7), "{\"id\":9}").andExpect(status().isForbidden());
    verifyNoInteractions(writes, placements);
  }

  private ResultActions callback(String body, String signature, String token) throws Exception {
    var request = post("/api/pay/callback").contentType(MediaType.APPLICATION_JSON).content(body);
    if (signature != null) {
      request.header(WebhookSignature.HEADER, signature);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return perform(request);
  }

  private static String signed(String body) {
    return new WebhookSignature(WEBHOOK_SECRET, java.time.Duration.ofMinutes(5))
        .sign(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.time.Instant.now());
  }

  @Test
  void onlyTheProvidersSignatureConfirmsAPaymentNeverTheBuyersToken() throws Exception {
    when(pays.detail(9L)).thenReturn(new PayView(9, 8, 6, 500, 0, 0, "co_9"));
    when(orders.detail(6L)).thenReturn(new OrderView(6, 8, 3, 500, 1, 0, "order-x"));
    when(payments.update(
            any(), eq(OrderContract.Updates.PAY_CALLBACK), eq(PayView.class), any(), any()))
        .thenReturn(new PayView(9, 8, 6, 500, 1, 1, "co_9"));
    String event =
        """
        {"id":"evt_1","type":"checkout.captured","checkout":"co_9","reference":9,\
        "amount":500,"currency":"CNY","created":1796129118}""";
    String invalid = "https://temporal-mall.dev/problems/invalid-signature";

    callback("{\"id\":9,\"oid\":6,\"amount\":500,\"source\":1,\"status\":1}", null, tokenFor(8))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.type").value(invalid));
    callback(event, null, tokenFor(8))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.type").value(invalid));
    callback(event.replace("500", "5"), signed(event), tokenFor(8))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.type").value(invalid));
    callback(event, signed(event), "not-a-token")
        .andExpect(status().isOk())
        .andExpect(content().json("{\"id\":9,\"status\":1}"));
    callback(event.replace("CNY", "USD"), signed(event.replace("CNY", "USD")), null)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://temporal-mall.dev/problems/invalid-request"));
    String otherCheckout = event.replace("co_9", "co_8");
    callback(otherCheckout, signed(otherCheckout), null)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://temporal-mall.dev/problems/invalid-request"));
    callback("[1]", signed("[1]"), null)
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.type").value("https://temporal-mall.dev/problems/malformed-request"));

    verify(payments)
        .update(
            any(),
            eq(OrderContract.Updates.PAY_CALLBACK),
            eq(PayView.class),
            any(),
            eq(new PayCallback(9, 500, 1, "evt_1")));
    verifyNoInteractions(writes, placements);
  }

  @Test
  void aProviderThatCannotOpenTheCheckoutIsA503WithRetryAfter() throws Exception {
    when(orders.detail(6L)).thenReturn(new OrderView(6, 8, 3, 500, 1, 0, "order-x"));
    when(payments.update(
            any(), eq(OrderContract.Updates.CREATE_PAY), eq(PayView.class), any(), any()))
        .thenThrow(
            new io.temporal.client.WorkflowUpdateException(
                WorkflowExecution.newBuilder().setWorkflowId("order-x").build(),
                "update-1",
                OrderContract.Updates.CREATE_PAY,
                MallFailures.paymentProviderUnavailable("the provider is down")));

    postJson("/api/pay/create", tokenFor(8), "{\"oid\":6,\"amount\":500}")
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "10"))
        .andExpect(content().contentType("application/problem+json"))
        .andExpect(
            jsonPath("$.type")
                .value("https://temporal-mall.dev/problems/payment-provider-unavailable"))
        .andExpect(jsonPath("$.detail").value("the provider is down"))
        .andExpect(jsonPath("$.instance").value("/api/pay/create"));
  }

  @Test
  void aFullStartQueueIsA503WithRetryAfter() throws Exception {
    when(placements.place(any(), any()))
        .thenReturn(
            CompletableFuture.failedFuture(
                new java.util.concurrent.RejectedExecutionException("queue full")));

    postJson("/api/order/create", tokenFor(7), "{\"pid\":3}")
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "5"))
        .andExpect(content().contentType("application/problem+json"))
        .andExpect(
            jsonPath("$.type").value("https://temporal-mall.dev/problems/temporal-unavailable"));
  }

  static Stream<RuntimeException> databaseOutages() {
    return Stream.of(
        new CannotGetJdbcConnectionException("connection refused"),
        new RecoverableDataAccessException("Communications link failure (MariaDB restarted)"),
        new TransientDataAccessResourceException("lock wait timeout"));
  }

  @ParameterizedTest
  @MethodSource("databaseOutages")
  void anUnreachableDatabaseIsA503(RuntimeException outage) throws Exception {
    when(products.detail(3L)).thenThrow(outage);

    postJson("/api/product/detail", tokenFor(8), "{\"id\":3}")
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(
            jsonPath("$.type").value("https://temporal-mall.dev/problems/database-unavailable"));
  }

  @Test
  void outOfRangeOrderFieldsAre400() throws Exception {
    String token = tokenFor(7);
    for (String body :
        new String[] {
          "{}",
          "{\"pid\":-1}",
          "{\"pid\":1,\"num\":0}",
          "{\"pid\":1,\"num\":1001}",
          "{\"pid\":\"x\"}"
        }) {
      postJson("/api/order/create", token, body)
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON));
    }
    verify(placements, never()).place(any(), any());
  }

  @Test
  void anIdempotencyKeyIsScopedToTheCallerAndValidated() throws Exception {
    when(placements.place(any(), any()))
        .thenReturn(CompletableFuture.completedFuture(new PlacedOrder(11, 500)));

    perform(
            post("/api/order/create")
                .header("Authorization", "Bearer " + tokenFor(7))
                .header("Idempotency-Key", "checkout-42")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"pid\":3}"))
        .andExpect(status().isOk());
    ArgumentCaptor<IdempotencyKey.RequestId> keyed =
        ArgumentCaptor.forClass(IdempotencyKey.RequestId.class);
    verify(placements).place(any(), keyed.capture());
    assertThat(keyed.getValue().value()).isEqualTo("u7-checkout-42");
    assertThat(keyed.getValue().keyed()).isTrue();
    assertThat(keyed.getValue().fingerprint()).as("a keyed request is fingerprinted").hasSize(64);

    perform(
            post("/api/order/create")
                .header("Authorization", "Bearer " + tokenFor(7))
                .header("Idempotency-Key", "spaces are not allowed")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"pid\":3}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.type").value("https://temporal-mall.dev/problems/invalid-idempotency-key"));
    verify(placements, org.mockito.Mockito.times(1)).place(any(), any());
  }

  @Test
  void aFractionInAnIntegerFieldIsRefusedNotTruncated() throws Exception {
    postJson(
            "/api/user/register",
            null,
            "{\"name\":\"alice\",\"gender\":1.7,\"mobile\":\"13900000000\",\"password\":\"alice-pw\"}")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(
            jsonPath("$.type").value("https://temporal-mall.dev/problems/malformed-request"));
    postJson("/api/order/create", tokenFor(7), "{\"pid\":3,\"amount\":1999.5}")
        .andExpect(status().isBadRequest());
    verifyNoInteractions(writes, placements);

    when(writes.register(any(), any())).thenReturn(new UserView(1, "alice", 2, "13900000000"));
    postJson(
            "/api/user/register",
            null,
            "{\"name\":\"alice\",\"gender\":2.0,\"mobile\":\"13900000000\",\"password\":\"alice-pw\"}")
        .andExpect(status().isOk());
    ArgumentCaptor<NewUser> sent = ArgumentCaptor.forClass(NewUser.class);
    verify(writes).register(sent.capture(), org.mockito.ArgumentMatchers.isNull());
    assertThat(sent.getValue().gender()).as("2.0 is the whole number 2").isEqualTo(2);
  }

  @Test
  void aFieldOfTheWrongJsonTypeIsRefusedNotCoerced() throws Exception {
    postJson(
            "/api/user/register",
            null,
            "{\"name\":0,\"gender\":1,\"mobile\":\"13900000000\",\"password\":\"alice-pw\"}")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(
            jsonPath("$.type").value("https://temporal-mall.dev/problems/malformed-request"));
    postJson(
            "/api/user/register",
            null,
            "{\"name\":\"alice\",\"gender\":1,\"mobile\":true,\"password\":\"alice-pw\"}")
        .andExpect(status().isBadRequest());
    postJson("/api/order/create", tokenFor(7), "{\"pid\":\"3\"}")
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.type").value("https://temporal-mall.dev/problems/malformed-request"));
    postJson("/api/order/create", tokenFor(7), "{\"pid\":3,\"num\":\"2\"}")
        .andExpect(status().isBadRequest());
    verifyNoInteractions(writes, placements);
  }

  @Test
  void aMethodTheFirewallRefusesIsA405Problem() throws Exception {
    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request(
                    org.springframework.http.HttpMethod.valueOf("QUERY"), "/api/order/create")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"pid\":1}"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(
            jsonPath("$.type").value("https://temporal-mall.dev/problems/method-not-allowed"));
    verifyNoInteractions(placements);
  }

  @Test
  void anOversizedBodyIs413AndReachesNothing() throws Exception {
    String huge = "{\"name\":\"" + "x".repeat(20_000) + "\"}";

    postJson("/api/user/register", null, huge)
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(
            jsonPath("$.type").value("https://temporal-mall.dev/problems/payload-too-large"));
    verifyNoInteractions(writes);
  }
}
