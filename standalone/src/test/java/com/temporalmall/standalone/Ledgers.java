package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the sandbox provider's ledger ({@code GET /sandbox/v1/ledger}). */
final class Ledgers {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Ledgers() {}

  /**
   * The entries of checkout {@code checkout}, in the ledger's order: "capture amount" and "refund
   * amount key".
   */
  static List<String> of(HttpResponse<String> ledger, String checkout) {
    assertThat(ledger.statusCode()).as(ledger.body()).isEqualTo(200);
    List<String> entries = new ArrayList<>();
    for (JsonNode entry : JSON.readTree(ledger.body()).get("entries")) {
      if (!entry.get("checkout").asString().equals(checkout)) {
        continue;
      }
      String kind = entry.get("kind").asString();
      entries.add(
          kind.equals("refund")
              ? kind
                  + " "
                  + entry.get("amount").asLong()
                  + " "
                  + entry.get("idempotencyKey").asString()
              : kind + " " + entry.get("amount").asLong());
    }
    return entries;
  }
}
