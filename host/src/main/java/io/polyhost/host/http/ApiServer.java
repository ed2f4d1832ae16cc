package io.polyhost.host.http;

import io.helidon.webserver.WebServer;
import io.polyhost.host.config.ListenAddress;
import io.polyhost.host.node.Node;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP API: one Helidon server with a public listener (explorer, submission, probes) and
 * a private listener (explorer reads, system information, probes, the web dashboard).
 *
 * <p>Both listeners serve {@code /api/services/{name}/...} (see {@link ServiceEndpoints}); other
 * parts of the node add routes of their own through {@link ApiRoutes}, which are registered before
 * that generic route so they win over it.
 *
 * <p>Two listeners rather than two servers, so both share one set of threads and one lifecycle; the
 * private one binds to loopback by default because it carries administration.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final String PRIVATE = "private";

  private final WebServer server;
  private final BlockFeed feed;

  private ApiServer(WebServer server, BlockFeed feed) {
    this.server = server;
    this.feed = feed;
  }

  /**
   * Where the listeners bind, what the node reports about itself and how much a request may carry.
   *
   * @param publicApi the public listener's address (port 0: any free port)
   * @param privateApi the private listener's address (port 0: any free port)
   * @param runtimes the node's runtimes, id to name, for {@code /api/system/v1/info}
   * @param limits the request size limits
   */
  public record Settings(
      ListenAddress publicApi,
      ListenAddress privateApi,
      Map<Integer, String> runtimes,
      ApiLimits limits) {
    /** Copies the runtimes. */
    public Settings {
      Objects.requireNonNull(publicApi, "publicApi");
      Objects.requireNonNull(privateApi, "privateApi");
      Objects.requireNonNull(limits, "limits");
      runtimes = Map.copyOf(runtimes);
    }

    /** Settings with the default limits. */
    public Settings(
        ListenAddress publicApi, ListenAddress privateApi, Map<Integer, String> runtimes) {
      this(publicApi, privateApi, runtimes, ApiLimits.defaults());
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
    // Woken by every commit; the interval only backs that up.
    BlockFeed feed = BlockFeed.start(node.blockchain(), java.time.Duration.ofMillis(100));
    node.onCommit(feed::wake);
    Routes routes = new Routes(node, settings, feed, extra);
    // Helidon's own limit is a backstop above the endpoints' own, which answer with a problem
    // document; Helidon's answer would be plain text.
    long backstop = 2L * routes.largestBody();
    WebServer server;
    try {
      server =
          WebServer.builder()
              .host(settings.publicApi().host())
              .port(settings.publicApi().port())
              .maxPayloadSize(backstop)
              .shutdownHook(false)
              .routing(routes.publicRouting())
              .putSocket(
                  PRIVATE,
                  socket ->
                      socket
                          .host(settings.privateApi().host())
                          .port(settings.privateApi().port())
                          .maxPayloadSize(backstop))
              .routing(PRIVATE, routes.privateRouting())
              .build()
              .start();
    } catch (RuntimeException e) {
      feed.close();
      throw new IllegalStateException(
          "Cannot start the HTTP API on "
              + settings.publicApi()
              + " and "
              + settings.privateApi()
              + " (is a port taken? choose others with --public-port and --private-port): "
              + e.getMessage(),
          e);
    }
    ApiServer api = new ApiServer(server, feed);
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

  /** Ends the block streams, then stops both listeners; requests in flight are answered first. */
  @Override
  public void close() {
    feed.close();
    server.stop();
  }
}
