package com.temporalmall.api.web;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.temporalmall.platform.EncryptionCodec;
import io.temporal.api.common.v1.Payloads;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The codec endpoint of the Temporal Web UI ("Codec Server" setting: http://localhost:8080/codec):
 * it decodes the encrypted payloads the UI shows. Present only when mall.codec.key is set; it
 * requires a mall bearer token unless mall.codec.allowed-origin opens it to that UI (see
 * docs/operations.md).
 */
@RestController
@ConditionalOnProperty("mall.codec.key")
public class CodecController {
  private final EncryptionCodec codec;

  public CodecController(EncryptionCodec codec) {
    this.codec = codec;
  }

  @PostMapping(path = "/codec/decode", consumes = "application/json", produces = "application/json")
  public String decode(@RequestBody String payloads) {
    return apply(payloads, codec::decode);
  }

  @PostMapping(path = "/codec/encode", consumes = "application/json", produces = "application/json")
  public String encode(@RequestBody String payloads) {
    return apply(payloads, codec::encode);
  }

  private static String apply(
      String json, UnaryOperator<List<io.temporal.api.common.v1.Payload>> transform) {
    try {
      Payloads.Builder in = Payloads.newBuilder();
      JsonFormat.parser().ignoringUnknownFields().merge(json, in);
      return JsonFormat.printer()
          .print(Payloads.newBuilder().addAllPayloads(transform.apply(in.getPayloadsList())));
    } catch (InvalidProtocolBufferException | io.temporal.payload.codec.PayloadCodecException e) {
      throw new ProblemException(Problems.of(ProblemType.MALFORMED_REQUEST, e.getMessage()));
    }
  }
}
