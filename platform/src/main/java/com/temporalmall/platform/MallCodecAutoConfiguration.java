package com.temporalmall.platform;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Base64;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Optional payload encryption: set {@code mall.codec.key} (MALL_CODEC_KEY, base64 of 32 bytes) on
 * the API and every worker - the same key everywhere - and all payloads are encrypted.
 */
@AutoConfiguration(
    beforeName = {
      "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration",
      "io.temporal.spring.boot.autoconfigure.TestServerAutoConfiguration"
    })
@ConditionalOnProperty("mall.codec.key")
public class MallCodecAutoConfiguration {
  @Bean
  EncryptionCodec encryptionCodec(
      @Value("${mall.codec.key}") String key,
      @Value("${mall.codec.key-id:mall-key-1}") String keyId) {
    return new EncryptionCodec(Base64.getDecoder().decode(key.trim()), keyId);
  }

  /** The starter uses the bean named mainDataConverter for its clients and workers. */
  @Bean
  DataConverter mainDataConverter(EncryptionCodec codec) {
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec));
  }
}
