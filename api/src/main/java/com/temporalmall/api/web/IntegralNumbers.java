package com.temporalmall.api.web;

import java.math.BigDecimal;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.NumberDeserializers;

/**
 * Integer fields of the HTTP contract take JSON integers, and numbers such as {@code 2.0} that JSON
 * Schema counts as integers, but no fractions: left alone, Jackson would truncate {@code "gender":
 * 1.7} to 1 and {@code "amount": 1999.99} to 1999. A fraction is a 400 {@code malformed-request};
 * everything else is Jackson's own handling.
 */
@JacksonComponent
public class IntegralNumbers {
  private IntegralNumbers() {}

  /** Refuses a fraction, then hands the number to Jackson's own deserializer of the type. */
  abstract static class Whole<T extends Number> extends ValueDeserializer<T> {
    private final ValueDeserializer<T> jackson;

    Whole(ValueDeserializer<T> jackson) {
      this.jackson = jackson;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) {
      if (parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
        BigDecimal value = parser.getDecimalValue();
        if (value.stripTrailingZeros().scale() > 0) {
          throw context.weirdNumberException(value, Number.class, "a whole number is required");
        }
      }
      return jackson.deserialize(parser, context);
    }
  }

  /** {@code Integer} fields. */
  public static class Integers extends Whole<Integer> {
    public Integers() {
      super(new NumberDeserializers.IntegerDeserializer(Integer.class, null));
    }
  }

  /** {@code Long} fields. */
  public static class Longs extends Whole<Long> {
    public Longs() {
      super(new NumberDeserializers.LongDeserializer(Long.class, null));
    }
  }
}
