package com.temporalmall.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request body of the contract is a few hundred bytes: a declared body above {@code
 * mall.api.max-request-size} (default 16KB) is refused with 413 before anything reads it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimit extends OncePerRequestFilter {
  private final long maxBytes;
  private final JsonMapper json;

  public RequestSizeLimit(
      @Value("${mall.api.max-request-size:16KB}") DataSize maxSize, JsonMapper json) {
    this.maxBytes = maxSize.toBytes();
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(
          response.getOutputStream(),
          Problems.of(
              HttpStatus.PAYLOAD_TOO_LARGE,
              "payload-too-large",
              "Payload too large",
              "Request bodies are limited to " + maxBytes + " bytes"));
      return;
    }
    chain.doFilter(request, response);
  }
}
