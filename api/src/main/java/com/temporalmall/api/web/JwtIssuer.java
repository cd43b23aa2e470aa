package com.temporalmall.api.web;

import java.time.Clock;
import java.time.Instant;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Issues the login token: subject and {@code uid} claim carry the user id. */
@Component
public class JwtIssuer {
  public static final String UID_CLAIM = "uid";

  private final JwtEncoder encoder;
  private final JwtProperties properties;
  private final Clock clock = Clock.systemUTC();

  public JwtIssuer(JwtEncoder encoder, JwtProperties properties) {
    this.encoder = encoder;
    this.properties = properties;
  }

  public Jwt issue(long uid) {
    Instant now = clock.instant();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .subject(Long.toString(uid))
            .claim(UID_CLAIM, uid)
            .issuedAt(now)
            .expiresAt(now.plus(properties.expire()))
            .build();
    return encoder.encode(
        JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims));
  }

  /** The caller's user id: from the token, never from a request body. */
  public static long uidOf(Jwt token) {
    Object uid = token.getClaims().get(UID_CLAIM);
    return uid instanceof Number number ? number.longValue() : Long.parseLong(token.getSubject());
  }
}
