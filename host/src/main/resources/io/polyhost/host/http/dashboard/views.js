// Rendering: plain DOM built with textContent only, so nothing the node reports (service names,
// error descriptions) is ever parsed as HTML.

import { artifactId } from "./node.js";

/** An element with attributes (on* keys become listeners) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    element.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return element;
}

const badge = (text, kind = text) => el("span", { class: `badge ${kind}` }, text);

function emptyRow(columns, text) {
  return el("tr", {}, el("td", { colspan: columns, class: "empty" }, text));
}

/** Replaces the table body's rows, keeping the same element so the page does not jump. */
function fill(tbody, rows, columns, emptyText) {
  tbody.replaceChildren(...(rows.length ? rows : [emptyRow(columns, emptyText)]));
}

/**
 * Whether `data` differs from what the table last showed; unchanged tables are left alone, so a
 * button is not replaced under the pointer of someone about to click it.
 */
function changed(tbody, ...data) {
  const key = JSON.stringify(data);
  if (tbody.dataset.shown === key) return false;
  tbody.dataset.shown = key;
  return true;
}

/** The services table; `act(action, service)` runs a row's button. */
export function renderServices(tbody, services, act) {
  if (!changed(tbody, services)) return;
  const rows = services.map((service) => {
    const spec = service.spec;
    const status = service.status?.type ?? "starting";
    const pending = service.pending_status?.type;
    const target = service.status?.target;
    const builtIn = spec.id === 0;
    const button = (action, label) =>
      el("button", { type: "button", "data-action": action, onclick: () => act(action, service) }, label);
    const actions = builtIn
      ? [el("span", { class: "muted" }, "built in")]
      : [
          ["active", "frozen"].includes(status) && button("stop", "Stop"),
          status === "active" && button("freeze", "Freeze"),
          ["stopped", "frozen"].includes(status) && button("resume", "Resume"),
          ["stopped", "frozen"].includes(status) && button("migrate", "Migrate…"),
        ].filter(Boolean);
    return el(
      "tr",
      { "data-service": spec.name },
      el("td", { class: "num" }, spec.id),
      el("td", {}, spec.name),
      el("td", { class: "mono" }, artifactId(spec.artifact)),
      el(
        "td",
        { class: "status" },
        badge(status),
        pending && el("span", { class: "muted" }, ` → ${pending}`),
        target && el("span", { class: "muted" }, ` to ${artifactId(target)}`),
      ),
      el("td", { class: "mono" }, service.data_version ?? "—"),
      el("td", { class: "actions" }, actions),
    );
  });
  fill(tbody, rows, 6, "No services yet.");
}

/**
 * The artifacts table: the files of the artifacts folder and the registered artifacts, merged by
 * id; `act(action, id)` runs a row's button.
 */
export function renderArtifacts(tbody, files, registered, services, act) {
  if (!changed(tbody, files, registered, services)) return;
  const byId = new Map();
  for (const file of files) {
    const key = file.artifact ?? `file:${file.file}`;
    byId.set(key, { id: file.artifact, file, status: file.status });
  }
  for (const artifact of registered) {
    const id = artifactId(artifact);
    const row = byId.get(id) ?? { id, status: "active" };
    row.status ??= "active";
    byId.set(id, row);
  }
  const used = new Set(services.map((s) => artifactId(s.spec.artifact)));
  const builtIn = new Set(services.filter((s) => s.spec.id === 0).map((s) => artifactId(s.spec.artifact)));
  const rows = [...byId.values()]
    .sort((a, b) => (a.id ?? "~").localeCompare(b.id ?? "~"))
    .map((row) => {
      const button = (action, label) =>
        el("button", { type: "button", "data-action": action, onclick: () => act(action, row.id) }, label);
      const problem = row.file?.problem;
      const state = problem ? badge("unusable", "failed") : badge(row.status ?? "in folder", row.status ?? "new");
      const actions = builtIn.has(row.id)
        ? [el("span", { class: "muted" }, "built in")]
        : problem
          ? []
          : [
              !row.status && button("deploy", "Deploy"),
              row.status === "active" && button("start", "Start…"),
              row.status === "active" && !used.has(row.id) && button("unload", "Unload"),
            ].filter(Boolean);
      return el(
        "tr",
        { "data-artifact": row.id ?? row.file.file },
        el("td", { class: "mono" }, row.id ?? "—"),
        el("td", {}, row.file?.runtime ?? runtimeName(row.id)),
        el("td", { class: "mono" }, row.file ? row.file.file : el("span", { class: "muted" }, "not in the folder")),
        el("td", { class: "status" }, state, problem && el("div", { class: "problem" }, problem)),
        el("td", { class: "actions" }, actions),
      );
    });
  fill(tbody, rows, 5, "The artifacts folder is empty and nothing is deployed.");
}

function runtimeName(id) {
  const runtime = id?.split(":")[0];
  return { 1: "java", 2: "javascript" }[runtime] ?? `runtime ${runtime}`;
}

/** The latest blocks, newest first. */
export function renderBlocks(tbody, blocks) {
  if (!changed(tbody, blocks)) return;
  const rows = blocks.map((block) =>
    el(
      "tr",
      { "data-height": block.height },
      el("td", { class: "num" }, block.height),
      el("td", { title: block.time }, new Date(block.time).toLocaleTimeString([], { hour12: false })),
      el("td", { class: "num" }, block.tx_count),
      el("td", { class: "mono", title: block.state_hash }, block.state_hash.slice(0, 16) + "…"),
    ),
  );
  fill(tbody, rows, 4, "No blocks yet.");
}

/** Deploys, migrations and changes the page started, newest first. */
export function renderOperations(list, operations) {
  const items = operations.map((op) =>
    el(
      "li",
      { class: `operation ${op.state}`, "data-operation": op.kind },
      el("div", { class: "operation-head" }, badge(op.state), el("strong", {}, op.label)),
      el("div", { class: "operation-detail" }, op.detail),
    ),
  );
  list.replaceChildren(...(items.length ? items : [el("li", { class: "empty" }, "Nothing started from this page yet.")]));
}

/** Sets a select's options, keeping the chosen one when it is still offered. */
export function fillSelect(select, values, emptyText) {
  const chosen = select.value;
  const options = values.length
    ? values.map(([value, label]) => el("option", { value }, label))
    : [el("option", { value: "", disabled: true, selected: true }, emptyText)];
  const same =
    select.options.length === options.length &&
    options.every((o, i) => select.options[i].value === o.value && select.options[i].text === o.text);
  if (!same) {
    select.replaceChildren(...options);
    if (values.some(([value]) => value === chosen)) select.value = chosen;
  }
}

/** A message for the person at the page: an error stays until dismissed, news fades. */
export function showMessage(container, text, kind = "error") {
  const message = el(
    "div",
    { class: `message ${kind}`, role: kind === "error" ? "alert" : "status" },
    el("span", {}, text),
    el("button", { type: "button", class: "dismiss", "aria-label": "Dismiss", onclick: () => message.remove() }, "×"),
  );
  container.prepend(message);
  while (container.children.length > 5) container.lastElementChild.remove();
  if (kind !== "error") setTimeout(() => message.remove(), 8000);
}
