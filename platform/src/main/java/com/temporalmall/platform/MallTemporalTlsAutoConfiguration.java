package com.temporalmall.platform;

import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * TLS to a Temporal frontend whose certificate is signed by a private CA, the usual case for a
 * self-hosted cluster: set {@code mall.temporal.tls.server-ca-file}
 * (MALL_TEMPORAL_TLS_SERVER_CA_FILE, PEM). The starter's own {@code
 * spring.temporal.connection.mtls.*} (key-file, cert-chain-file, key-password, server-name) and
 * {@code api-key} still apply; the starter alone can only trust the JVM's default CAs, which is
 * enough for Temporal Cloud but not for a private CA.
 */
@AutoConfiguration(
    beforeName = "io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration")
@ConditionalOnProperty("mall.temporal.tls.server-ca-file")
public class MallTemporalTlsAutoConfiguration {

  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> privateCaTls(
      @Value("${mall.temporal.tls.server-ca-file}") String serverCaFile,
      @Value("${spring.temporal.connection.mtls.key-file:}") String keyFile,
      @Value("${spring.temporal.connection.mtls.cert-chain-file:}") String certChainFile,
      @Value("${spring.temporal.connection.mtls.key-password:}") String keyPassword) {
    if (keyFile.isBlank() != certChainFile.isBlank()) {
      throw new IllegalStateException(
          "spring.temporal.connection.mtls.key-file and cert-chain-file go together (PEM, PKCS8 key)");
    }
    return builder -> {
      try {
        SimpleSslContextBuilder ssl =
            keyFile.isBlank()
                ? SimpleSslContextBuilder.noKeyOrCertChain()
                : clientIdentity(keyFile, certChainFile);
        if (!keyPassword.isBlank()) {
          ssl.setKeyPassword(keyPassword);
        }
        builder.setSslContext(
            ssl.setTrustManager(trustManagerFor(Path.of(serverCaFile)).getTrustManagers()[0])
                .build());
        return builder;
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException(
            "cannot set up TLS to Temporal with CA file " + serverCaFile, e);
      }
    };
  }

  private static SimpleSslContextBuilder clientIdentity(String keyFile, String certChainFile)
      throws IOException {
    return SimpleSslContextBuilder.forPKCS8(
        new ByteArrayInputStream(Files.readAllBytes(Path.of(certChainFile))),
        new ByteArrayInputStream(Files.readAllBytes(Path.of(keyFile))));
  }

  private static TrustManagerFactory trustManagerFor(Path caFile)
      throws IOException, GeneralSecurityException {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream pem = Files.newInputStream(caFile)) {
      int index = 0;
      for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
        trusted.setCertificateEntry("mall-temporal-ca-" + index++, ca);
      }
      if (index == 0) {
        throw new GeneralSecurityException("no certificate in " + caFile);
      }
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    return factory;
  }
}
