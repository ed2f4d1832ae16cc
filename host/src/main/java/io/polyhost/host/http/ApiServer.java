package io.polyhost.host.http;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.host.config.ListenAddress;
import io.polyhost.host.node.Node;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP API: one Helidon server with a public listener (explorer, probes) and a private
 * listener (system information, probes).
 *
 * <p>Both listeners serve {@code /api/services/{name}/...} (see {@link ServiceEndpoints}); other
 * parts of the node add routes of their own through {@link ApiRoutes}, which are registered before
 * that generic route so they win over it.
 *
 * <p>Two listeners rather than two servers, so both share one set of threads and one lifecycle; the
 * private one binds to loopback by default because later it will carry administration.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final String PRIVATE = "private";

  private final WebServer server;

  private ApiServer(WebServer server) {
    this.server = server;
  }

  /**
   * Where the listeners bind and what the node reports about itself.
   *
   * @param publicApi the public listener's address (port 0: any free port)
   * @param privateApi the private listener's address (port 0: any free port)
   * @param runtimes the node's runtimes, id to name, for {@code /api/system/v1/info}
   */
  public record Settings(
      ListenAddress publicApi, ListenAddress privateApi, Map<Integer, String> runtimes) {
    /** Copies the runtimes. */
    public Settings {
      Objects.requireNonNull(publicApi, "publicApi");
      Objects.requireNonNull(privateApi, "privateApi");
      runtimes = Map.copyOf(runtimes);
    }
  }

  /**
   * Starts serving {@code node}'s API.
   *
   * @throws IllegalStateException if a listener cannot bind, e.g. its port is taken
   */
  public static ApiServer start(Node node, Settings settings) {
    return start(node, settings, List.of());
  }

  /**
   * Starts serving {@code node}'s API with the routes {@code extra} adds, which win over the
   * generic service route (see {@link ApiRoutes}).
   *
   * @throws IllegalStateException if a listener cannot bind, e.g. its port is taken
   */
  public static ApiServer start(Node node, Settings settings, List<ApiRoutes> extra) {
    int maxMessage =
        node.blockchain().read(core -> core.consensusConfig().orElseThrow().getMaxMessageLen());
    SubmitEndpoint submit = new SubmitEndpoint(node.pool(), maxMessage);
    SystemEndpoints system = new SystemEndpoints(node, settings.runtimes());
    HttpRouting.Builder publicRouting = HttpRouting.builder();
    Problems.install(publicRouting);
    new BlockEndpoints(node.blockchain()).register(publicRouting);
    new TransactionEndpoints(node.blockchain(), node.pool()).register(publicRouting);
    submit.register(publicRouting);
    system.registerProbes(publicRouting);
    ServiceEndpoints services = new ServiceEndpoints(node.blockchain());
    // Specific routes first: the generic service route below is only a fallback.
    extra.forEach(routes -> routes.registerPublic(publicRouting));
    services.register(publicRouting, EndpointRequest.Scope.PUBLIC);
    publicRouting.any(Problems::fallback);
    HttpRouting.Builder privateRouting = HttpRouting.builder();
    Problems.install(privateRouting);
    system.registerPrivate(privateRouting);
    extra.forEach(routes -> routes.registerPrivate(privateRouting));
    services.register(privateRouting, EndpointRequest.Scope.PRIVATE);
    privateRouting.any(Problems::fallback);
    // Helidon's own limit is a backstop above the endpoint's, which answers with a problem
    // document; Helidon's answer would be plain text.
    long backstop = 2L * submit.bodyLimit();
    WebServer server;
    try {
      server =
          WebServer.builder()
              .host(settings.publicApi().host())
              .port(settings.publicApi().port())
              .maxPayloadSize(backstop)
              .shutdownHook(false)
              .routing(publicRouting)
              .putSocket(
                  PRIVATE,
                  socket ->
                      socket
                          .host(settings.privateApi().host())
                          .port(settings.privateApi().port())
                          .maxPayloadSize(backstop))
              .routing(PRIVATE, privateRouting)
              .build()
              .start();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Cannot start the HTTP API on "
              + settings.publicApi()
              + " and "
              + settings.privateApi()
              + " (is a port taken? choose others with --public-port and --private-port): "
              + e.getMessage(),
          e);
    }
    ApiServer api = new ApiServer(server);
    LOG.info(
        "HTTP API: public on {}:{}, private on {}:{}",
        settings.publicApi().host(),
        api.publicPort(),
        settings.privateApi().host(),
        api.privatePort());
    return api;
  }

  /** The port the public listener is bound to. */
  public int publicPort() {
    return server.port();
  }

  /** The port the private listener is bound to. */
  public int privatePort() {
    return server.port(PRIVATE);
  }

  /** Polyhost's version, from the jar's manifest, or {@code development} when run from classes. */
  static String version() {
    String version = ApiServer.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  /** Stops both listeners; requests in flight are answered first. */
  @Override
  public void close() {
    server.stop();
  }
}
