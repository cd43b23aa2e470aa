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

/**
 * A string of at least {@link #value()} characters counted as Unicode code points, as JSON Schema's
 * {@code minLength} counts them (and the OpenAPI document says). {@code @Size} counts UTF-16 chars,
 * so a character outside the Basic Multilingual Plane (an emoji) counts twice there. It complements
 * {@code @Size(min = value)} on the same field, which reports a string too short even in chars (so
 * one violation, not two, for that).
 */
@Documented
@Constraint(validatedBy = MinCodePoints.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface MinCodePoints {
  int value();

  String message() default "must be at least {value} characters";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  final class Validator implements ConstraintValidator<MinCodePoints, CharSequence> {
    private int min;

    @Override
    public void initialize(MinCodePoints constraint) {
      min = constraint.value();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
      return value == null
          || value.length() < min
          || Character.codePointCount(value, 0, value.length()) >= min;
    }
  }
}
