package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.temporalmall.client.ApiClient;
import com.temporalmall.client.ApiException;
import com.temporalmall.client.api.OrderApi;
import com.temporalmall.client.api.PayApi;
import com.temporalmall.client.api.ProductApi;
import com.temporalmall.client.api.UserApi;
import com.temporalmall.client.model.LoginRequest;
import com.temporalmall.client.model.OrderCreateRequest;
import com.temporalmall.client.model.OrderIdRequest;
import com.temporalmall.client.model.PayCreateRequest;
import com.temporalmall.client.model.Problem;
import com.temporalmall.client.model.ProductCreateRequest;
import com.temporalmall.client.model.RegisterRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client team's view: the Java client openapi-generator makes from docs/openapi.json (the build
 * generates it; OpenApiDocumentTest keeps that file equal to the served document) signs up, places
 * an order under an Idempotency-Key, reads a refusal as a typed problem, and pays - against the
 * embedded default, with nothing but the generated classes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GeneratedClientTest {
  @LocalServerPort int port;

  @org.springframework.beans.factory.annotation.Value("${mall.pay.webhook-secret}")
  String webhookSecret;

  @Test
  void theGeneratedClientPlacesAndPaysAnOrder() throws Exception {
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://localhost:" + port);
    client.setReadTimeout(Duration.ofMinutes(2));
    UserApi users = new UserApi(client);
    users.userRegister(
        new RegisterRequest().name("carol").gender(2).mobile("13500000077").password("carol-pass"),
        "signup-carol");
    String token =
        users
            .userLogin(new LoginRequest().mobile("13500000077").password("carol-pass"))
            .getAccessToken();
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));

    long pid =
        new ProductApi(client)
            .productCreate(
                new ProductCreateRequest()
                    .name("teapot")
                    .desc("0.8 l")
                    .stock(1)
                    .amount(2500L)
                    .status(1),
                null)
            .getId();
    OrderApi orders = new OrderApi(client);
    long oid =
        orders.orderCreate(new OrderCreateRequest().pid(pid).num(1), "teapot-" + pid).getId();
    assertThat(
            orders.orderCreate(new OrderCreateRequest().pid(pid).num(1), "teapot-" + pid).getId())
        .as("the same request under the same key is answered with the same order")
        .isEqualTo(oid);

    ApiException soldOut =
        catchThrowableOfType(
            ApiException.class,
            () -> orders.orderCreate(new OrderCreateRequest().pid(pid).num(1), null));
    assertThat(soldOut.getCode()).isEqualTo(409);
    Problem problem = client.getObjectMapper().readValue(soldOut.getResponseBody(), Problem.class);
    assertThat(problem.getType())
        .hasToString("https://temporal-mall.dev/problems/insufficient-stock");
    assertThat(problem.getOrderId()).as("turned away before any saga: no order").isNull();

    PayApi pays = new PayApi(client);
    String checkout = pays.payCreate(new PayCreateRequest().oid(oid).amount(2500L)).getCheckout();
    // The buyer pays the checkout at the payment provider (the embedded default's sandbox), whose
    // signed event - not the buyer - confirms the payment.
    new SignedCallbacks("http://localhost:" + port, webhookSecret).payAtSandbox(checkout);
    assertThat(orders.orderDetail(new OrderIdRequest().id(oid)).getStatus())
        .as("paid")
        .isEqualTo(1);
  }
}
