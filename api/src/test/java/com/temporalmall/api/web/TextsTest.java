package com.temporalmall.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextsTest {
  /** The documented pattern accepts exactly what {@code @NotBlank} accepts, char by char. */
  @Test
  void notBlankIsStringIsBlankAsAPattern() {
    Pattern notBlank = Pattern.compile(Texts.NOT_BLANK);
    List<String> disagreements = new ArrayList<>();
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      String one = String.valueOf(c);
      if (notBlank.matcher(one).matches() == one.isBlank()) {
        disagreements.add(Integer.toHexString(c));
      }
    }

    assertThat(disagreements).isEmpty();
    assertThat(notBlank.matcher(" \t kettle \n").matches()).isTrue();
    assertThat(notBlank.matcher(" \t\u3000\n").matches()).isFalse();
    assertThat(notBlank.matcher("").matches()).isFalse();
  }
}
