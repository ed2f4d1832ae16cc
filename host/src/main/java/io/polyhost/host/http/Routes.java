package io.polyhost.host.http;

import io.helidon.webserver.http.HttpRouting;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.host.node.Node;
import java.util.List;

/**
 * What each listener serves, in the order Helidon tries it: the node's own routes, then the routes
 * of {@link ApiRoutes}, then the generic service route, then a 404 for everything else.
 */
final class Routes {
  private final HttpRouting.Builder publicRouting = HttpRouting.builder();
  private final HttpRouting.Builder privateRouting = HttpRouting.builder();
  private final SubmitEndpoint submit;

  Routes(Node node, ApiServer.Settings settings, BlockFeed feed, List<ApiRoutes> extra) {
    int maxMessage =
        node.blockchain().read(core -> core.consensusConfig().orElseThrow().getMaxMessageLen());
    submit = new SubmitEndpoint(node.pool(), maxMessage, settings.limits());
    SystemEndpoints system = new SystemEndpoints(node, settings.runtimes());
    ServiceEndpoints services = new ServiceEndpoints(node.blockchain());
    OpenApiDocument openApi = new OpenApiDocument();

    // The explorer's reads are on both listeners, so the dashboard can work through the private
    // one alone; submission stays public.
    BlockEndpoints blocks = new BlockEndpoints(node.blockchain());
    BlockStream stream = new BlockStream(node.blockchain(), feed);
    TransactionEndpoints transactions = new TransactionEndpoints(node.blockchain(), node.pool());

    Problems.install(publicRouting);
    blocks.register(publicRouting);
    stream.register(publicRouting);
    transactions.register(publicRouting);
    submit.register(publicRouting);
    system.registerProbes(publicRouting);
    openApi.register(publicRouting);
    // Specific routes first: the generic service route is only a fallback.
    extra.forEach(routes -> routes.registerPublic(publicRouting));
    services.register(publicRouting, EndpointRequest.Scope.PUBLIC);
    publicRouting.any(Problems::fallback);

    Problems.install(privateRouting);
    privateRouting.addFilter(new LoopbackHostGuard(settings.privateApi().host()));
    privateRouting.addFilter(new SameOriginGuard());
    system.registerPrivate(privateRouting);
    blocks.register(privateRouting);
    stream.register(privateRouting);
    transactions.register(privateRouting);
    openApi.register(privateRouting);
    new Dashboard().register(privateRouting);
    extra.forEach(routes -> routes.registerPrivate(privateRouting));
    services.register(privateRouting, EndpointRequest.Scope.PRIVATE);
    privateRouting.any(Problems::fallback);
  }

  HttpRouting.Builder publicRouting() {
    return publicRouting;
  }

  HttpRouting.Builder privateRouting() {
    return privateRouting;
  }

  /** The most bytes any endpoint takes in a body. */
  long largestBody() {
    return submit.largestBody();
  }
}
