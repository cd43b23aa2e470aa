package com.temporalmall.api.web;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.cors.CorsConfiguration;
import tools.jackson.databind.json.JsonMapper;

/** Stateless HS256 bearer tokens, as in the go-zero mall; problem+json for 401 and 403. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtProperties.class)
public class SecurityConfiguration {
  /** Signed by the payment provider instead of authenticated by a bearer token. */
  public static final String PROVIDER_CALLBACK = "/api/pay/callback";

  private static final String[] PUBLIC = {
    "/api/user/register",
    "/api/user/login",
    "/actuator/health",
    "/actuator/health/**",
    "/actuator/info",
    "/actuator/prometheus",
    "/v3/api-docs",
    "/v3/api-docs/**",
    "/swagger-ui/**",
    "/swagger-ui.html",
    "/error"
  };

  /**
   * Development only: lets the Temporal Web UI at this origin call /codec/* without a mall token
   * (anyone who can reach the API can then decrypt payloads). Unset, /codec/* needs a token.
   */
  @Bean
  @Order(1)
  @ConditionalOnProperty("mall.codec.allowed-origin")
  SecurityFilterChain codecForWebUi(
      HttpSecurity http, @Value("${mall.codec.allowed-origin}") String origin) throws Exception {
    CorsConfiguration cors = new CorsConfiguration();
    cors.addAllowedOrigin(origin);
    cors.addAllowedMethod("POST");
    cors.addAllowedHeader("*");
    return http.securityMatcher("/codec/**")
        .csrf(csrf -> csrf.disable())
        .cors(c -> c.configurationSource(request -> cors))
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .build();
  }

  /**
   * The payment provider's callback proves itself with its signature over the body (checked by the
   * controller, before anything is parsed), not with a user's token: this chain has no bearer token
   * authentication at all, so a buyer's token - valid, expired or forged - neither admits nor
   * refuses a callback.
   */
  @Bean
  @Order(2)
  SecurityFilterChain providerCallback(HttpSecurity http) throws Exception {
    return http.securityMatcher(PROVIDER_CALLBACK)
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .build();
  }

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, JsonMapper json) throws Exception {
    AuthenticationEntryPoint unauthorized =
        (request, response, e) ->
            write(
                response,
                json,
                Problems.of(
                    ProblemType.UNAUTHORIZED,
                    "A valid bearer token is required (POST /api/user/login)"));
    AccessDeniedHandler forbidden =
        (request, response, e) ->
            write(response, json, Problems.of(ProblemType.FORBIDDEN, e.getMessage()));
    return http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            a -> a.requestMatchers(PUBLIC).permitAll().anyRequest().authenticated())
        .oauth2ResourceServer(
            o ->
                o.jwt(Customizer.withDefaults())
                    .authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(forbidden))
        .exceptionHandling(
            e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
        .build();
  }

  /**
   * Requests Spring Security's firewall refuses before any controller sees them (a method other
   * than the standard ones, such as QUERY; a malformed URL) are answered with problem+json like
   * every other error: 405 for the method, 400 otherwise.
   */
  @Bean
  RequestRejectedHandler requestRejected(JsonMapper json) {
    return (request, response, rejected) -> {
      if (String.valueOf(rejected.getMessage()).contains("HTTP method")) {
        response.setHeader("Allow", request.getRequestURI().startsWith("/api/") ? "POST" : "GET");
        write(
            response,
            json,
            Problems.of(
                ProblemType.METHOD_NOT_ALLOWED,
                "Method " + request.getMethod() + " is not served here"));
      } else {
        write(
            response,
            json,
            Problems.of(
                ProblemType.MALFORMED_REQUEST,
                "The request was refused: " + rejected.getMessage()));
      }
    };
  }

  private static void write(
      jakarta.servlet.http.HttpServletResponse response, JsonMapper json, ProblemDetail problem)
      throws java.io.IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }

  @Bean
  JwtDecoder jwtDecoder(JwtProperties properties) {
    return NimbusJwtDecoder.withSecretKey(key(properties)).macAlgorithm(MacAlgorithm.HS256).build();
  }

  @Bean
  JwtEncoder jwtEncoder(JwtProperties properties) {
    return new NimbusJwtEncoder(new ImmutableSecret<>(key(properties)));
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  private static SecretKey key(JwtProperties properties) {
    return new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }
}
