// The node's API as the dashboard uses it. The page is served by the private listener, so every
// path here is same-origin: reads of the explorer and the supervisor, and the administration calls.
// Every failure becomes a NodeError whose message a person can read.

const SUPERVISOR = "/api/services/supervisor/";

/** A refusal or failure of the node, worded for the page. */
export class NodeError extends Error {}

/** The words for an error answer: a problem document's title and detail, or what little we got. */
export function describeProblem(status, contentType, text) {
  if (contentType.startsWith("application/problem+json")) {
    try {
      const problem = JSON.parse(text);
      const title = problem.title ?? `HTTP ${status}`;
      return problem.detail ? `${title}: ${problem.detail}` : title;
    } catch {
      // Not JSON after all; fall through to the plain answer.
    }
  }
  const body = text.trim().slice(0, 200);
  return `The node answered HTTP ${status}${body ? ": " + body : ""}`;
}

async function call(method, path, body) {
  const init = { method, cache: "no-store", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new NodeError("The node does not answer; is it still running?");
  }
  const type = response.headers.get("Content-Type") ?? "";
  const text = await response.text();
  if (!response.ok) {
    throw new NodeError(describeProblem(response.status, type, text));
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new NodeError(`The node answered ${path} with something that is not JSON`);
  }
}

/** UTF-8 text as base64, for the bytes fields of the supervisor's messages. */
function base64(text) {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

export const node = {
  info: () => call("GET", "/api/system/v1/info"),
  blocks: (count) => call("GET", `/api/explorer/v1/blocks?count=${count}`),
  transaction: (hash) =>
    call("GET", `/api/explorer/v1/transactions?hash=${encodeURIComponent(hash)}`),
  services: () => call("GET", SUPERVISOR + "services"),
  availableArtifacts: () => call("GET", SUPERVISOR + "available-artifacts"),
  /** A status URL the node handed out, e.g. deploy-status?... */
  status: (url) => call("GET", url),

  deploy: (artifact) => call("POST", SUPERVISOR + "deploy-artifact", { artifact }),
  deployAndStart: (artifact, name, config) =>
    call("POST", SUPERVISOR + "deploy-and-start", {
      artifact,
      ...(name ? { name } : {}),
      ...(config ? { config } : {}),
      timeout_seconds: 60,
    }),
  migrate: (newArtifact, service) =>
    call("POST", SUPERVISOR + "migrate", { new_artifact: newArtifact, service }),

  /** Proposes one configuration change (simple mode applies it in the block that takes it). */
  async change(change) {
    const number = await call("GET", SUPERVISOR + "configuration-number");
    return call("POST", SUPERVISOR + "propose-config", {
      actual_from: 0,
      configuration_number: number,
      changes: [change],
    });
  },
  start: (artifact, name, config) =>
    node.change({ start_service: { artifact, name, config: base64(config) } }),
  stop: (id) => node.change({ stop_service: { instance_id: id } }),
  freeze: (id) => node.change({ freeze_service: { instance_id: id } }),
  resume: (id) => node.change({ resume_service: { instance_id: id } }),
  unload: (artifact) => node.change({ unload_artifact: { artifact_id: artifact } }),
};

/** "runtime:name:version" of the supervisor's artifact JSON. */
export function artifactId(artifact) {
  return `${artifact.runtime_id}:${artifact.name}:${artifact.version}`;
}
