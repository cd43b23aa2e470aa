package com.temporalmall.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncryptionCodecTest {
  private static final byte[] KEY = new byte[32];
  private static final Payload PLAIN =
      Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
          .setData(ByteString.copyFromUtf8("{\"mobile\":\"13900000000\"}"))
          .build();

  @Test
  void roundTripsAndHidesTheData() {
    EncryptionCodec codec = new EncryptionCodec(KEY, "k1");

    Payload sealed = codec.encode(List.of(PLAIN)).get(0);

    assertThat(sealed.getMetadataMap().get("encoding")).isEqualTo(EncryptionCodec.ENCODING);
    assertThat(sealed.getData().toStringUtf8()).doesNotContain("13900000000");
    assertThat(codec.decode(List.of(sealed))).containsExactly(PLAIN);
    assertThat(codec.decode(List.of(PLAIN)))
        .as("unencrypted payloads pass through")
        .containsExactly(PLAIN);
  }

  @Test
  void refusesTamperedDataAndOtherKeys() {
    Payload sealed = new EncryptionCodec(KEY, "k1").encode(List.of(PLAIN)).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThatThrownBy(() -> new EncryptionCodec(KEY, "k1").decode(List.of(tampered)))
        .isInstanceOf(PayloadCodecException.class);
    assertThatThrownBy(() -> new EncryptionCodec(KEY, "k2").decode(List.of(sealed)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("k1");
  }
}
