package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.temporalmall.workflows.user.UserContract;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** With mall.codec.key set, the mall works as before and its histories hold only ciphertext. */
@AutoConfigureTestRestTemplate
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "mall.codec.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
class EncryptedHistoriesTest {
  @Autowired TestRestTemplate rest;
  @Autowired WorkflowClient temporal;

  @Test
  void userDataIsEncryptedInTheWorkflowHistory() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("Idempotency-Key", "secret-user");
    Map<String, Object> hank =
        Map.of("name", "hank", "gender", 1, "mobile", "13611112222", "password", "hank-pass");
    assertThat(
            rest.postForEntity("/api/user/register", new HttpEntity<>(hank, headers), String.class)
                .getBody())
        .contains("13611112222");
    MallClient signedIn = MallClient.signUp(rest, "ivy", "13611113333");
    assertThat(signedIn.token()).isNotBlank();

    String history =
        temporal
            .fetchHistory(UserContract.registerWorkflowId("register-secret-user"))
            .getEvents()
            .stream()
            .map(HistoryEvent::toString)
            .reduce("", String::concat);
    Payload input =
        temporal
            .fetchHistory(UserContract.registerWorkflowId("register-secret-user"))
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput()
            .getPayloads(0);

    assertThat(input.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(history).doesNotContain("13611112222").doesNotContain("hank");
  }
}
