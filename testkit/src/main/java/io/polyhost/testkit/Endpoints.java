package io.polyhost.testkit;

import io.polyhost.api.runtime.EndpointRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns {@code path?query} as a test writes it into the request a runtime's endpoint sees. */
final class Endpoints {
  private Endpoints() {}

  static EndpointRequest request(EndpointRequest.Scope scope, String pathAndQuery) {
    String text = pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery;
    int mark = text.indexOf('?');
    String path = mark < 0 ? text : text.substring(0, mark);
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (mark >= 0) {
      for (String pair : text.substring(mark + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    return new EndpointRequest(scope, path, query);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
