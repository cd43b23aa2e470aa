package com.temporalmall.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import com.temporalmall.api.temporal.DomainWrites;
import com.temporalmall.api.temporal.OrderPlacements;
import com.temporalmall.platform.EncryptionCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The Web UI's codec endpoint, opened to the UI's origin as in local development. */
@SpringBootTest(
    properties = {
      "spring.config.name=mall-api",
      "mall.jwt.secret=api-test-secret-api-test-secret-api-test",
      "mall.codec.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "mall.codec.allowed-origin=http://localhost:8233"
    })
@AutoConfigureMockMvc
class CodecEndpointTest {
  @Autowired MockMvc mvc;
  @Autowired EncryptionCodec codec;
  @MockitoBean DomainWrites writes;
  @MockitoBean OrderPlacements sagas;

  @Test
  void decodesWhatTheWorkersEncrypted() throws Exception {
    Payload plain =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8("{\"mobile\":\"13900000000\"}"))
            .build();
    String sealed =
        JsonFormat.printer()
            .print(Payloads.newBuilder().addAllPayloads(codec.encode(List.of(plain))));

    String decoded =
        mvc.perform(
                post("/codec/decode")
                    .header("Origin", "http://localhost:8233")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(sealed))
            .andExpect(status().isOk())
            .andExpect(header().string("Access-Control-Allow-Origin", "http://localhost:8233"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    Payloads.Builder result = Payloads.newBuilder();
    JsonFormat.parser().merge(decoded, result);
    assertThat(result.getPayloadsList()).containsExactly(plain);
  }

  @Test
  void garbageIsA400() throws Exception {
    mvc.perform(
            post("/codec/decode")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"payloads\":[{\"data\":\"!!\"}]}"))
        .andExpect(status().isBadRequest());
  }
}
