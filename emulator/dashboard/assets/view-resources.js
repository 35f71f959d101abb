// Resources: one (account, region, type)'s resources, paged on the server by identifier; one
// resource's model as GetResource shows it (write-only values never reach the page) and history.
import { get } from "./api.js";
import { h, message, table, time } from "./dom.js";

const PAGE = 50;

function tags(map) {
  const entries = Object.entries(map);
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(", ") : "";
}

function detail(item) {
  return h("section", { class: "panel", id: "resource-detail", "aria-labelledby": "resource-title" },
    h("h2", { id: "resource-title" }, item.identifier),
    h("dl", { class: "facts" },
      h("dt", {}, "Created"), h("dd", {}, time(item.created)),
      h("dt", {}, "Updated"), h("dd", {}, time(item.updated)),
      h("dt", {}, "Tags"), h("dd", {}, tags(item.tags) || "none")),
    h("h3", {}, "Model (as GetResource returns it; write-only properties are never shown)"),
    h("pre", { id: "resource-model", tabindex: "0", "aria-label": "Resource model" }, JSON.stringify(item.model, null, 2)),
    h("h3", {}, "History"),
    item.history.length === 0 ? h("p", {}, "No Cloud Control request touched it (loaded from a dump, or made through AppFlow).")
      : table("Requests that touched it, oldest first", ["Operation", "Status", "Time", "Request token", "Error"],
        item.history, (event) => [[event.Operation, event.OperationStatus, time(event.EventTime * 1000),
          h("code", {}, event.RequestToken),
          event.ErrorCode ? [h("span", { class: "error-code" }, event.ErrorCode), " ", event.StatusMessage || ""] : ""],
        { class: event.OperationStatus === "FAILED" ? "failed" : undefined }]));
}

export async function render(root, params, { go }) {
  const overview = await get("/_ccemu/overview");
  const first = overview.scopes[0] || {};
  const scope = {
    account: params.get("account") || first.account || "",
    region: params.get("region") || first.region || "",
    type: params.get("type") || first.type || "",
  };
  const after = params.get("after") || "";
  const id = params.get("id");
  const choose = h("select", { id: "scope-select", onchange: (e) => go("resources", JSON.parse(e.target.value)) },
    overview.scopes.map((s) => h("option", {
      value: JSON.stringify({ account: s.account, region: s.region, type: s.type }),
      selected: s.account === scope.account && s.region === scope.region && s.type === scope.type,
    }, `${s.type} — ${s.account} ${s.region} (${s.resources.toLocaleString("en")})`)));
  const typeField = h("input", { id: "type-field", value: scope.type, size: 40 });
  const controls = h("div", { class: "controls" },
    overview.scopes.length ? [h("label", { for: "scope-select" }, "Stored scope"), choose] : null,
    h("form", { class: "controls", onsubmit: (e) => { e.preventDefault(); go("resources", { ...scope, type: typeField.value.trim() }); } },
      h("label", { for: "type-field" }, "Type"), typeField, h("button", { type: "submit", class: "secondary" }, "Show")));
  root.replaceChildren(h("h1", {}, "Resources"), controls);
  if (!scope.type) {
    root.append(h("p", {}, "No resources stored. Create some, or name a type."));
    return;
  }
  const [page, item] = await Promise.all([
    get("/_ccemu/resources", { ...scope, after, limit: PAGE }),
    id ? get("/_ccemu/resources/item", { ...scope, identifier: id }).catch((error) => ({ error })) : null,
  ]);
  if (item) root.append(item.error ? message(item.error.message, true) : detail(item));
  root.append(
    page.resources.length === 0 ? h("p", {}, `No ${scope.type} in ${scope.account} ${scope.region}.`)
      : table(`${scope.type} in ${scope.account} ${scope.region}${after ? ` after ${after}` : ""}`,
        ["Identifier", "Created", "Updated", "Tags"], page.resources, (r) => [[
          h("button", { class: "link", type: "button", dataset: { identifier: r.identifier },
            onclick: () => go("resources", { ...scope, after, id: r.identifier }) }, r.identifier),
          time(r.created), time(r.updated), tags(r.tags)]]),
    h("div", { class: "pager" },
      h("button", { type: "button", class: "secondary", disabled: !after, onclick: () => go("resources", scope) }, "First page"),
      h("button", { type: "button", class: "secondary", disabled: !page.next,
        onclick: () => go("resources", { ...scope, after: page.next }) }, "Next page")));
  if (item && !item.error) queueMicrotask(() => document.getElementById("resource-title")?.scrollIntoView());
}
