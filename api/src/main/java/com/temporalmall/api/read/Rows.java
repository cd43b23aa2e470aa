package com.temporalmall.api.read;

import com.temporalmall.api.web.Problems;
import org.springframework.jdbc.core.simple.JdbcClient.MappedQuerySpec;

/** What the read classes share: one row by id, or the 404 an activity's NotFound used to be. */
public final class Rows {
  private Rows() {}

  /** The single row of {@code query}; none: the not-found problem "{@code what} does not exist". */
  public static <T> T one(MappedQuerySpec<T> query, String what) {
    return query.optional().orElseThrow(() -> Problems.notFound(what + " does not exist"));
  }
}
