package com.temporalmall.e2e;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority for the TLS tests, writing PEM files (PKCS8 keys) to a folder.
 */
final class TestCertificates {
  record Issued(Path certificate, Path privateKey) {}

  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  private final Path folder;
  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate ca;

  private TestCertificates(Path folder, String name, KeyPair caKeys, X509Certificate ca) {
    this.folder = folder;
    this.name = name;
    this.caKeys = caKeys;
    this.ca = ca;
  }

  static TestCertificates newAuthority(Path folder, String name) {
    try {
      KeyPair keys = newKeys();
      X500Name subject = new X500Name("CN=" + name);
      X509v3CertificateBuilder builder = validFor(subject, subject, keys);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      TestCertificates authority = new TestCertificates(folder, name, keys, sign(builder, keys));
      writePem(authority.caFile(), authority.ca);
      return authority;
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  Path caFile() {
    return folder.resolve(name + "-ca.pem");
  }

  /** A server certificate for these DNS names. */
  Issued server(String fileName, String... dnsNames) {
    return issue(fileName, KeyPurposeId.id_kp_serverAuth, dnsNames);
  }

  /** A client certificate, for mutual TLS. */
  Issued client(String fileName) {
    return issue(fileName, KeyPurposeId.id_kp_clientAuth);
  }

  private Issued issue(String fileName, KeyPurposeId purpose, String... dnsNames) {
    try {
      KeyPair keys = newKeys();
      X509v3CertificateBuilder builder =
          validFor(new X500Name("CN=" + name), new X500Name("CN=" + fileName), keys);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (dnsNames.length > 0) {
        GeneralName[] names = new GeneralName[dnsNames.length];
        for (int i = 0; i < dnsNames.length; i++) {
          names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      Issued issued =
          new Issued(folder.resolve(fileName + ".pem"), folder.resolve(fileName + "-key.pem"));
      writePem(issued.certificate(), sign(builder, caKeys));
      writePem(issued.privateKey(), new JcaPKCS8Generator(keys.getPrivate(), null));
      return issued;
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair newKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509v3CertificateBuilder validFor(
      X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIALS.incrementAndGet()),
        Date.from(now.minus(Duration.ofMinutes(5))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }

  private static void writePem(Path file, Object object) throws IOException {
    try (Writer out = Files.newBufferedWriter(file);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(object);
    }
  }
}
