package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * README's "Try it", run as a newcomer runs it: its bash block, pasted into bash against the
 * embedded default, prints what README says it prints. The instance is not fresh (other tests of
 * this JVM have written to it) and the block runs twice, so only the values README says may differ
 * - ids, the token and its expiry, the workflow id - are masked before comparing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeTryItTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern IDS =
      Pattern.compile("(\"(?:id|uid|pid|oid|orderId|reference)\":|product )\\d+");
  private static final Pattern PROVIDER_IDS = Pattern.compile("\"(co|evt)_[0-9a-f]+\"");
  private static final Pattern CREATED = Pattern.compile("(\"created\":)\\d+");
  private static final Pattern TOKEN = Pattern.compile("(\"accessToken\":\")[^\"]+");
  private static final Pattern EXPIRY = Pattern.compile("(\"accessExpire\":)\\d+");
  private static final Pattern WORKFLOW_ID = Pattern.compile("(\"gid\":\"order-)[0-9a-f-]+");

  @LocalServerPort int port;

  @Test
  void theTryItBlockPrintsWhatReadmeShowsEvenWhenRunAgain() throws Exception {
    String readme = Files.readString(README);
    String tryIt = section(readme, "## Try it");
    String script = codeBlock(tryIt, "bash").replace("localhost:8080", "localhost:" + port);
    List<String> shown = masked(codeBlock(tryIt, "text"));
    assertThat(shown).as("README shows one line per call").hasSize(10);

    assertThat(masked(run(script))).isEqualTo(shown);
    assertThat(masked(run(script))).as("the same block, run again").isEqualTo(shown);
  }

  private static String section(String markdown, String heading) {
    int start = markdown.indexOf("\n" + heading);
    assertThat(start).as("README has a section %s", heading).isNotNegative();
    int end = markdown.indexOf("\n## ", start + 1);
    return markdown.substring(start, end < 0 ? markdown.length() : end);
  }

  private static String codeBlock(String section, String language) {
    Matcher block =
        Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(section);
    assertThat(block.find()).as("a ```%s block", language).isTrue();
    return block.group(1);
  }

  private static List<String> masked(String output) {
    String masked = IDS.matcher(output).replaceAll("$1<n>");
    masked = TOKEN.matcher(masked).replaceAll("$1<token>");
    masked = EXPIRY.matcher(masked).replaceAll("$1<epoch>");
    masked = WORKFLOW_ID.matcher(masked).replaceAll("$1<uuid>");
    masked = PROVIDER_IDS.matcher(masked).replaceAll("\"$1_<id>\"");
    masked = CREATED.matcher(masked).replaceAll("$1<epoch>");
    return masked.lines().toList();
  }

  /** Runs the script with bash, its stderr (what {@code field} shows) merged into stdout. */
  private static String run(String script) throws IOException, InterruptedException {
    Path output = Files.createTempFile("try-it", ".out");
    try {
      Process bash =
          new ProcessBuilder("bash", "-c", script)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      bash.getOutputStream().close();
      boolean finished = bash.waitFor(2, TimeUnit.MINUTES);
      if (!finished) {
        bash.destroyForcibly();
      }
      assertThat(finished).as("bash finished within 2 minutes").isTrue();
      assertThat(bash.exitValue()).as("bash exit code").isZero();
      return Files.readString(output, StandardCharsets.UTF_8);
    } finally {
      Files.delete(output);
    }
  }
}
