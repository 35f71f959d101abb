// Requests: Cloud Control's request ledger and every API call (Cloud Control, AppFlow and STS, reads
// included), newest first, filtered and paged on the server, polled every 2 s.
import { get } from "./api.js";
import { h, table, time } from "./dom.js";

const PAGE = 100;
const OPERATIONS = ["", "CREATE", "UPDATE", "DELETE"];
const STATUSES = ["", "PENDING", "IN_PROGRESS", "SUCCESS", "FAILED", "CANCEL_IN_PROGRESS", "CANCEL_COMPLETE"];
const APIS = ["", "cloudcontrol", "appflow", "sts"];

function select(id, label, values, chosen) {
  return [h("label", { for: `filter-${id}` }, label),
    h("select", { id: `filter-${id}`, name: id }, values.map((v) => h("option", { value: v, selected: v === chosen }, v || "any")))];
}

function error(code, text) {
  return code ? [h("span", { class: "error-code" }, code), " ", text || ""] : "";
}

function ledgerTable(page) {
  if (page.requests.length === 0) return h("p", {}, "No requests match.");
  return table(`${page.total} requests; newest ${Math.min(PAGE, page.total)} shown`,
    ["Time", "Operation", "Status", "Type", "Identifier", "Account / region", "Error"], page.requests,
    ({ account, region, event }) => [[time(event.EventTime * 1000), event.Operation, event.OperationStatus,
      event.TypeName, event.Identifier || "", `${account} ${region}`, error(event.ErrorCode, event.StatusMessage)],
    { class: event.OperationStatus === "FAILED" ? "failed" : undefined }]);
}

function callsTable(page) {
  if (page.calls.length === 0) return h("p", {}, "No API calls match.");
  return table(`${page.total} of the last calls match (${page.seen} since start); newest ${Math.min(PAGE, page.total)} shown`,
    ["Time", "API", "Operation", "HTTP status", "Type", "Identifier", "Account / region", "Error"], page.calls,
    (call) => [[time(call.time), call.api, call.operation, String(call.status), call.type, call.identifier,
      call.account ? `${call.account} ${call.region}` : "", error(call.error)],
    { class: call.error ? "failed" : undefined }]);
}

export async function render(root, params, { go }) {
  const filter = {
    operation: params.get("operation") || "", status: params.get("status") || "", type: params.get("type") || "",
    api: params.get("api") || "", errors: params.get("errors") || "",
  };
  const form = h("form", { class: "controls", onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    go("requests", { operation: data.get("operation"), status: data.get("status"), type: data.get("type").trim(),
      api: data.get("api"), errors: data.get("errors") ? "1" : "" });
  } },
  h("label", { for: "filter-type" }, "Type"), h("input", { id: "filter-type", name: "type", value: filter.type, size: 32 }),
  select("operation", "Ledger operation", OPERATIONS, filter.operation),
  select("status", "Ledger status", STATUSES, filter.status),
  select("api", "API", APIS, filter.api),
  h("span", {}, h("input", { id: "filter-errors", name: "errors", type: "checkbox", checked: filter.errors === "1" }),
    " ", h("label", { for: "filter-errors" }, "Failed calls only")),
  h("button", { type: "submit", class: "secondary" }, "Filter"));
  const ledger = h("div", { id: "request-list" });
  const calls = h("div", { id: "call-list" });
  root.replaceChildren(h("h1", {}, "Requests"), form,
    h("h2", {}, "Request ledger"),
    h("p", {}, "Cloud Control's Create, Update and Delete requests with their ProgressEvents, newest first; refreshed every 2 seconds."),
    ledger,
    h("h2", {}, "API calls"),
    h("p", {}, "The last 1,000 calls of the Cloud Control and AppFlow APIs, reads included, and how they were answered."),
    calls);

  let timer = null;
  let stopped = false;
  const refresh = async () => {
    const [requests, recent] = await Promise.all([
      get("/_ccemu/requests", { operation: filter.operation, status: filter.status, type: filter.type, order: "newest", limit: PAGE }),
      get("/_ccemu/calls", { api: filter.api, type: filter.type, errors: filter.errors, limit: PAGE }),
    ]);
    if (stopped) return;
    ledger.replaceChildren(ledgerTable(requests));
    calls.replaceChildren(callsTable(recent));
    timer = setTimeout(() => refresh().catch(() => {}), 2000);
  };
  await refresh();
  return () => { stopped = true; clearTimeout(timer); };
}
