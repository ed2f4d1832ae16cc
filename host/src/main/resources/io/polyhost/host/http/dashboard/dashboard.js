// The dashboard's behaviour: keeps the tables current (the block stream, plus a poll every few
// seconds for what blocks change), runs the administration forms and follows what they started.

import { node, artifactId } from "./node.js";
import {
  renderServices, renderArtifacts, renderBlocks, renderOperations, fillSelect, showMessage,
} from "./views.js";

const BLOCKS_SHOWN = 12;
const POLL_MS = 2000;
const $ = (id) => document.getElementById(id);

const view = { services: [], registered: [], files: [], blocks: [] };
const operations = [];

// ---- Reading the node -------------------------------------------------------------------------

let refreshing = null;

/** Reads everything the tables show; concurrent callers share one round. */
function refresh() {
  refreshing ??= readAll().finally(() => (refreshing = null));
  return refreshing;
}

async function readAll() {
  try {
    const [info, services, files] = await Promise.all([
      node.info(), node.services(), node.availableArtifacts(),
    ]);
    view.services = services.services;
    view.registered = services.artifacts;
    view.files = files;
    $("node-version").textContent = info.version;
    $("node-height").textContent = info.height;
    $("node-pool").textContent = info.pool_size;
    $("node-runtimes").textContent = info.runtimes.map((r) => `${r.name} (${r.id})`).join(", ");
    setConnection(true);
    render();
  } catch (e) {
    setConnection(false, e.message);
  }
}

function setConnection(up, why = "") {
  const banner = $("connection");
  banner.hidden = up;
  banner.textContent = up ? "" : `Cannot read the node's state: ${why}`;
}

function render() {
  renderServices($("services-body"), view.services, serviceAction);
  renderArtifacts($("artifacts-body"), view.files, view.registered, view.services, artifactAction);
  // The supervisor's own artifact is built in: nothing to start, migrate to or unload.
  const builtIn = new Set(view.services.filter((s) => s.spec.id === 0).map((s) => artifactId(s.spec.artifact)));
  const deployed = view.registered.map(artifactId).filter((id) => !builtIn.has(id)).sort();
  const choices = deployed.map((id) => [id, id]);
  fillSelect(
    $("deploy-artifact"),
    view.files
      .filter((f) => f.artifact && !f.problem)
      .map((f) => [f.artifact, `${f.artifact} (${f.file}${f.status ? ", " + f.status : ""})`]),
    "no artifact in the folder",
  );
  fillSelect($("start-artifact"), choices, "no deployed artifact");
  fillSelect($("unload-artifact"), choices, "no deployed artifact");
  fillSelect($("migrate-artifact"), choices, "no deployed artifact");
  fillSelect(
    $("migrate-service"),
    view.services.filter((s) => s.spec.id !== 0).map((s) => [s.spec.name, s.spec.name]),
    "no service",
  );
  renderBlocks($("blocks-body"), view.blocks);
}

function addBlock(block) {
  if (view.blocks.some((b) => b.height === block.height)) return;
  view.blocks.unshift(block);
  view.blocks.sort((a, b) => b.height - a.height);
  view.blocks.length = Math.min(view.blocks.length, BLOCKS_SHOWN);
  renderBlocks($("blocks-body"), view.blocks);
}

async function followBlocks() {
  try {
    const latest = await node.blocks(BLOCKS_SHOWN);
    latest.blocks.forEach(addBlock);
  } catch (e) {
    showMessage($("messages"), `Cannot read the latest blocks: ${e.message}`);
  }
  const stream = new EventSource("/api/explorer/v1/blocks/subscribe");
  const state = $("stream-state");
  stream.onopen = () => {
    state.textContent = "live";
    state.className = "badge active";
  };
  stream.onerror = () => {
    // The browser reconnects by itself, resuming after the last block it saw.
    state.textContent = "reconnecting";
    state.className = "badge pending";
  };
  stream.addEventListener("block", (event) => {
    addBlock(JSON.parse(event.data));
    refresh();
  });
}

// ---- Following what the page started ----------------------------------------------------------

/**
 * Tracks one request until it ends: the transaction until it is in a block (its error, if any,
 * ends it), then the status URL, if any, until it is no longer pending.
 */
function track(kind, label, answer) {
  const op = { kind, label, state: "pending", detail: "waiting for a block", tx: answer.tx_hash,
    statusUrl: answer.status_url };
  operations.unshift(op);
  operations.length = Math.min(operations.length, 20);
  renderOperations($("operations"), operations);
  poll(op);
}

async function poll(op) {
  for (let tries = 0; op.state === "pending" && tries < 600; tries++) {
    try {
      await step(op);
    } catch (e) {
      op.detail = e.message;
    }
    renderOperations($("operations"), operations);
    if (op.state !== "pending") break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  if (op.state === "pending") {
    op.detail = "no longer followed after ten minutes; the tables show where it stands";
    renderOperations($("operations"), operations);
  }
  refresh();
}

async function step(op) {
  if (op.tx) {
    const tx = await node.transaction(op.tx);
    if (tx.type !== "committed") {
      op.detail = "waiting for a block";
      return;
    }
    if (tx.status.type !== "success") {
      return end(op, "failed", `The node refused it: ${tx.status.description || tx.status.type}`);
    }
    op.tx = null;
    if (!op.statusUrl) return end(op, "succeed", `Applied in block ${tx.location.block_height}`);
  }
  if (!op.statusUrl) return end(op, "failed", "the node's answer had neither a transaction nor a status");
  const status = await node.status(op.statusUrl);
  const state = typeof status === "object" && "state" in status ? status.state : status;
  const version = status.version ? ` (data version ${status.version})` : "";
  if (state === "pending") op.detail = `in progress${version}`;
  else if (state === "succeed") end(op, "succeed", `done${version}`);
  else if (state === "timeout") end(op, "failed", "the deadline passed before it finished");
  else if (state?.failed) {
    const error = state.failed.error;
    end(op, "failed", `failed at block ${state.failed.height}: ${error.description || error.type}`);
  } else end(op, "failed", `unexpected status ${JSON.stringify(status)}`);
}

function end(op, state, detail) {
  op.state = state;
  op.detail = detail;
}

// ---- Actions ----------------------------------------------------------------------------------

/** Runs one administration call with its button disabled; errors go to the message area. */
async function act(button, work) {
  if (button) button.disabled = true;
  try {
    await work();
  } catch (e) {
    showMessage($("messages"), e.message);
  } finally {
    if (button) button.disabled = false;
    refresh();
  }
}

const required = (value, what) => {
  if (!value) throw new Error(`Choose ${what} first.`);
  return value;
};

function serviceAction(action, service) {
  const { id, name } = service.spec;
  if (action === "migrate") {
    $("migrate-service").value = name;
    $("migrate-artifact").focus();
    return;
  }
  const verbs = { stop: "Stop", freeze: "Freeze", resume: "Resume" };
  act(null, async () => track("change", `${verbs[action]} ${name}`, await node[action](id)));
}

function artifactAction(action, id) {
  if (action === "deploy") {
    act(null, async () => track("deploy", `Deploy ${id}`, await node.deploy(id)));
  } else if (action === "start") {
    $("start-artifact").value = id;
    $("start-name").focus();
  } else if (action === "unload") {
    act(null, async () => track("change", `Unload ${id}`, await node.unload(id)));
  }
}

function bindForms() {
  $("deploy-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const button = event.submitter ?? $("deploy-start-button");
    const artifact = $("deploy-artifact").value;
    if (button.id === "deploy-button") {
      act(button, async () => {
        track("deploy", `Deploy ${required(artifact, "an artifact")}`, await node.deploy(artifact));
      });
      return;
    }
    const name = $("deploy-name").value.trim();
    const label = `Deploy and start ${name || artifact}`;
    act(button, async () => {
      required(artifact, "an artifact");
      const op = { kind: "deploy-and-start", label, state: "pending", detail: "deploying, then starting…" };
      operations.unshift(op);
      renderOperations($("operations"), operations);
      try {
        const done = await node.deployAndStart(artifact, name, $("deploy-config").value);
        end(op, "succeed", `service ${done.instance_name} (id ${done.instance_id}) started`);
        $("deploy-form").reset();
      } catch (e) {
        end(op, "failed", e.message);
        throw e;
      } finally {
        renderOperations($("operations"), operations);
      }
    });
  });
  $("start-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const artifact = $("start-artifact").value;
    const name = $("start-name").value.trim();
    act(event.submitter, async () => {
      required(artifact, "a deployed artifact");
      required(name, "a name for the new service");
      track("change", `Start ${name}`, await node.start(artifact, name, $("start-config").value));
      $("start-form").reset();
    });
  });
  $("migrate-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const service = $("migrate-service").value;
    const artifact = $("migrate-artifact").value;
    act(event.submitter, async () => {
      required(service, "a service");
      required(artifact, "the artifact to migrate to");
      track("migration", `Migrate ${service} to ${artifact}`, await node.migrate(artifact, service));
    });
  });
  $("unload-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const artifact = $("unload-artifact").value;
    act(event.submitter, async () => {
      track("change", `Unload ${required(artifact, "an artifact")}`, await node.unload(artifact));
    });
  });
}

bindForms();
renderOperations($("operations"), operations);
refresh();
followBlocks();
setInterval(refresh, POLL_MS);
