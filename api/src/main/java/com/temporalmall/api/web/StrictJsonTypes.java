package com.temporalmall.api.web;

import java.math.BigDecimal;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.NumberDeserializers;

/**
 * Request fields take the JSON type the OpenAPI document gives them, as a generated client sends
 * them: a string field a JSON string, an integer field a JSON number with no fraction ({@code 2.0},
 * which JSON Schema counts as an integer, included). Left alone, Jackson would coerce {@code
 * "name": 0} to "0", {@code "pid": "1"} to 1 and truncate {@code "gender": 1.7} to 1 and {@code
 * "amount": 1999.99} to 1999. Any of those is a 400 {@code malformed-request} here; a value of the
 * right type is Jackson's own handling.
 */
@JacksonComponent
public class StrictJsonTypes {
  private StrictJsonTypes() {}

  /** {@code String} fields: a JSON string, never a number or a boolean turned into text. */
  public static class Strings extends ValueDeserializer<String> {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        return (String) context.handleUnexpectedToken(String.class, parser);
      }
      return parser.getString();
    }
  }

  /** A JSON number without a fraction, handed to Jackson's own deserializer of the type. */
  abstract static class Whole<T extends Number> extends ValueDeserializer<T> {
    private final Class<T> type;
    private final ValueDeserializer<T> jackson;

    Whole(Class<T> type, ValueDeserializer<T> jackson) {
      this.type = type;
      this.jackson = jackson;
    }

    @Override
    @SuppressWarnings("unchecked") // handleUnexpectedToken only returns a value of the type asked
    public T deserialize(JsonParser parser, DeserializationContext context) {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        BigDecimal value = parser.getDecimalValue();
        if (value.stripTrailingZeros().scale() > 0) {
          throw context.weirdNumberException(value, Number.class, "a whole number is required");
        }
      } else if (token != JsonToken.VALUE_NUMBER_INT) {
        return (T) context.handleUnexpectedToken(type, parser);
      }
      return jackson.deserialize(parser, context);
    }
  }

  /** {@code Integer} fields. */
  public static class Integers extends Whole<Integer> {
    public Integers() {
      super(Integer.class, new NumberDeserializers.IntegerDeserializer(Integer.class, null));
    }
  }

  /** {@code Long} fields. */
  public static class Longs extends Whole<Long> {
    public Longs() {
      super(Long.class, new NumberDeserializers.LongDeserializer(Long.class, null));
    }
  }
}
