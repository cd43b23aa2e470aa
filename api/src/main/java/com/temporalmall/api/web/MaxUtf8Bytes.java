package com.temporalmall.api.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/**
 * A string whose UTF-8 encoding is at most {@link #value()} bytes. {@code @Size} counts chars, but
 * BCrypt refuses passwords longer than 72 bytes, and 72 chars of non-ASCII text are up to 288
 * bytes.
 */
@Documented
@Constraint(validatedBy = MaxUtf8Bytes.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface MaxUtf8Bytes {
  int value();

  String message() default "must be at most {value} bytes in UTF-8";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  final class Validator implements ConstraintValidator<MaxUtf8Bytes, CharSequence> {
    private int max;

    @Override
    public void initialize(MaxUtf8Bytes constraint) {
      max = constraint.value();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
      return value == null || value.toString().getBytes(StandardCharsets.UTF_8).length <= max;
    }
  }
}
