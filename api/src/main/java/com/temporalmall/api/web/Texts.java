package com.temporalmall.api.web;

/** Text constraints the OpenAPI document can state exactly. */
public final class Texts {
  /**
   * At least one character that is not whitespace - {@code @NotBlank} ({@link String#isBlank}, i.e.
   * {@link Character#isWhitespace}) written as a pattern, so that the document says it too (a
   * {@code @NotBlank} beside {@code @Size} is documented as {@code minLength: 0}). Explicit ranges
   * only: it means the same in Java, ECMAScript and Python regular expressions.
   */
  public static final String NOT_BLANK =
      "[\\s\\S]*[^\\t\\n\\x0B\\f\\r\\x1C-\\x20\\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029"
          + "\\u205F\\u3000][\\s\\S]*";

  public static final String NOT_BLANK_MESSAGE = "must not be blank";

  private Texts() {}
}
