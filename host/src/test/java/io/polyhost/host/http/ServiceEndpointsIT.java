package io.polyhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.polyhost.host.http.HttpClientSupport.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /api/services/{name}/...} over real HTTP, answered by the service's runtime. */
class ServiceEndpointsIT extends ApiFixture {
  private static final String PROBLEM = "application/problem+json";

  /** A specific route under the generic prefix, as the supervisor registers its own. */
  @Override
  List<ApiRoutes> extraRoutes() {
    return List.of(
        new ApiRoutes() {
          @Override
          public void registerPublic(HttpRouting.Builder routing) {
            routing.get(
                "/api/services/counter/special",
                (req, res) -> Json.send(res, Map.of("answered_by", "specific route")));
          }

          @Override
          public void registerPrivate(HttpRouting.Builder routing) {
            routing.get(
                "/api/services/supervisor/services",
                (req, res) -> Json.send(res, Map.of("answered_by", "supervisor route")));
          }
        });
  }

  @Test
  void theRuntimeAnswersFromTheLatestBlock() {
    assertThat(get("/api/services/counter/count").json().get("count").asLong()).isZero();
    commit(transaction(1, 1));
    Answer answer = get("/api/services/counter/count");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(answer.json().get("count").asLong()).isEqualTo(1);
  }

  @Test
  void theListenerDecidesTheScopeAndTheQueryIsPassedOn() {
    Answer open = get("/api/services/counter/echo?q=hello&q=again");
    assertThat(open.json().get("scope").asString()).isEqualTo("PUBLIC");
    assertThat(open.json().get("q").asString()).isEqualTo("hello");
    assertThat(open.json().get("name").asString()).isEqualTo("counter");
    Answer closed = admin.get("/api/services/counter/echo");
    assertThat(closed.json().get("scope").asString()).isEqualTo("PRIVATE");
  }

  @Test
  void unknownServicesAndEndpointsAre404() {
    assertProblem(get("/api/services/nobody/count"), 404, "No service named 'nobody'");
    assertProblem(get("/api/services/counter/missing"), 404, "has no endpoint 'missing'");
    assertProblem(get("/api/services/counter"), 404, "has no endpoint ''");
    assertProblem(get("/api/services/"), 404, "No service name");
  }

  @Test
  void anErrorAnswerBecomesAProblemWithTheServicesMessage() {
    Answer answer = get("/api/services/counter/fail?status=422");
    assertProblem(answer, 422, "You asked for a failure");
    assertThat(answer.json().get("service").asString()).isEqualTo("counter");
    assertThat(answer.json().get("service_response").get("message").asString())
        .isEqualTo("You asked for a failure");
    assertProblem(get("/api/services/counter/fail?status=503"), 503, "failure");
  }

  @Test
  void aFailingRuntimeIsA500WithoutInternals() {
    Answer answer = get("/api/services/counter/boom");
    assertProblem(answer, 500, "failed to answer its endpoint 'boom'");
    assertThat(answer.json().toString()).doesNotContain("IllegalStateException");
  }

  @Test
  void theInterfaceIsPublishedOnBothListeners() {
    for (HttpClientSupport client : List.of(http, admin)) {
      Answer answer = client.get("/api/services/counter/interface");
      assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
      assertThat(answer.json().get("methods").get(0).get("name").asString()).isEqualTo("increment");
      assertThat(answer.json().get("methods").get(0).get("id").asInt()).isEqualTo(1);
    }
  }

  @Test
  void onlyGetIsServed() {
    Answer answer = http.post("/api/services/counter/count", "application/json", "{}");
    assertProblem(answer, 405, "only read");
  }

  @Test
  void specificRoutesWinOverTheGenericOne() {
    assertThat(get("/api/services/counter/special").json().get("answered_by").asString())
        .isEqualTo("specific route");
    assertThat(admin.get("/api/services/supervisor/services").json().get("answered_by").asString())
        .isEqualTo("supervisor route");
    // The same path on the other listener falls through to the generic route.
    assertProblem(get("/api/services/supervisor/services"), 404, "has no endpoint 'services'");
  }

  @Test
  void aStoppedServiceIsNotServedButAFrozenOneIs() {
    commit(supervise(10, ext -> ext.initiateFreezingService(1)));
    assertThat(get("/api/services/counter/count").status()).isEqualTo(200);
    commit(supervise(11, ext -> ext.initiateStoppingService(1)));
    Answer stopped = get("/api/services/counter/count");
    assertProblem(stopped, 409, "is stopped");
    assertThat(stopped.json().get("service_status").asString()).isEqualTo("stopped");
  }

  private static void assertProblem(Answer answer, int status, String detail) {
    assertThat(answer.status()).as(answer.json().toString()).isEqualTo(status);
    assertThat(answer.contentType()).isEqualTo(PROBLEM);
    assertThat(answer.json().get("detail").asString()).contains(detail);
    assertThat(answer.json().get("status").asInt()).isEqualTo(status);
  }
}
