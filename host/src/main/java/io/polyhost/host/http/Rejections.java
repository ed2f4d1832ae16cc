package io.polyhost.host.http;

import io.polyhost.host.pool.Admission;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP status of each reason the pool refuses a transaction. */
final class Rejections {
  private Rejections() {}

  static ApiProblem problem(Admission.Rejected rejected) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("reason", rejected.reason().name().toLowerCase(java.util.Locale.ROOT));
    rejected.hash().ifPresent(hash -> extensions.put("tx_hash", hash.toHex()));
    int status =
        switch (rejected.reason()) {
          case MALFORMED, BAD_SIGNATURE, CHECK_FAILED -> 400;
          case TOO_LARGE -> 413;
          case DUPLICATE, ALREADY_COMMITTED -> 409;
          case POOL_FULL, CLOSED -> 503;
        };
    String title =
        switch (status) {
          case 409 -> "Transaction already known";
          case 413 -> "Transaction too large";
          case 503 -> "Node cannot take transactions now";
          default -> "Transaction refused";
        };
    return new ApiProblem(status, title, rejected.message(), extensions);
  }
}
