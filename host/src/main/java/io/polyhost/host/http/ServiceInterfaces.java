package io.polyhost.host.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import io.polyhost.api.proto.ServiceInterfaceProto;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Runtime;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/services/{name}/interface}: what the instance's artifact publishes about its
 * transactions (method ids, names, argument types), as the protobuf JSON mapping of {@link
 * ServiceInterfaceProto} with the proto's own snake_case field names, so clients can build
 * transactions without the artifact.
 */
final class ServiceInterfaces {
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence();

  private ServiceInterfaces() {}

  static void send(ServerResponse res, InstanceSpec spec, Runtime runtime) {
    ServiceInterfaceProto published =
        runtime
            .artifactInterface(spec.artifact())
            .orElseThrow(() ->
                ApiProblem.notFound(
                    "Service '"
                        + spec.name()
                        + "' runs "
                        + spec.artifact()
                        + ", whose runtime publishes no interface for it"));
    String json;
    try {
      json = PRINTER.print(published);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("Cannot print the interface of " + spec.artifact(), e);
    }
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(json.getBytes(StandardCharsets.UTF_8));
  }
}
