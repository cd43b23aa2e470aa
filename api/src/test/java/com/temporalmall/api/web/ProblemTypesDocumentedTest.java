package com.temporalmall.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/api.md's table of problem types is the list in {@link ProblemType}, status by status. */
class ProblemTypesDocumentedTest {
  private static final Path API_DOC = Path.of("..", "docs", "api.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\| ([0-9x]{3}) \\|.+\\|$");

  @Test
  void theDocumentedTableListsEveryTypeWithItsStatus() throws Exception {
    String doc = Files.readString(API_DOC);
    int start = doc.indexOf("\n## Problem types\n");
    assertThat(start).as("docs/api.md has a section 'Problem types'").isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    Map<String, String> documented = new LinkedHashMap<>();
    doc.substring(start, end < 0 ? doc.length() : end)
        .lines()
        .map(ROW::matcher)
        .filter(Matcher::matches)
        .forEach(row -> documented.put(row.group(1), row.group(2)));

    Map<String, String> inCode =
        Arrays.stream(ProblemType.values())
            .collect(
                Collectors.toMap(
                    ProblemType::slug,
                    ProblemTypesDocumentedTest::documentedStatus,
                    (a, b) -> a,
                    LinkedHashMap::new));
    assertThat(documented).containsExactlyInAnyOrderEntriesOf(inCode);
  }

  private static String documentedStatus(ProblemType type) {
    return switch (type) {
      case CLIENT_ERROR -> "4xx";
      case SERVER_ERROR -> "5xx";
      default -> String.valueOf(type.status().value());
    };
  }
}
