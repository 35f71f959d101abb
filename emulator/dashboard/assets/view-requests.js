// Requests: the request ledger, newest first, filtered and paged on the server, polled every 2 s.
import { get } from "./api.js";
import { h, table, time } from "./dom.js";

const PAGE = 100;
const OPERATIONS = ["", "CREATE", "UPDATE", "DELETE"];
const STATUSES = ["", "PENDING", "IN_PROGRESS", "SUCCESS", "FAILED", "CANCEL_IN_PROGRESS", "CANCEL_COMPLETE"];

function select(id, label, values, chosen) {
  return [h("label", { for: `filter-${id}` }, label),
    h("select", { id: `filter-${id}`, name: id }, values.map((v) => h("option", { value: v, selected: v === chosen }, v || "any")))];
}

export async function render(root, params, { go }) {
  const filter = { operation: params.get("operation") || "", status: params.get("status") || "", type: params.get("type") || "" };
  const form = h("form", { class: "controls", onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    go("requests", { operation: data.get("operation"), status: data.get("status"), type: data.get("type").trim() });
  } },
  select("operation", "Operation", OPERATIONS, filter.operation),
  select("status", "Status", STATUSES, filter.status),
  h("label", { for: "filter-type" }, "Type"), h("input", { id: "filter-type", name: "type", value: filter.type, size: 32 }),
  h("button", { type: "submit", class: "secondary" }, "Filter"));
  const list = h("div", { id: "request-list" });
  root.replaceChildren(h("h1", {}, "Requests"),
    h("p", {}, "Cloud Control's request ledger (Create, Update, Delete), newest first; refreshed every 2 seconds."),
    form, list);

  let timer = null;
  let stopped = false;
  const refresh = async () => {
    const page = await get("/_ccemu/requests", { ...filter, order: "newest", limit: PAGE });
    if (stopped) return;
    list.replaceChildren(page.requests.length === 0 ? h("p", {}, "No requests match.")
      : table(`${page.total} requests; newest ${Math.min(PAGE, page.total)} shown`,
        ["Time", "Operation", "Status", "Type", "Identifier", "Account / region", "Error"], page.requests,
        ({ account, region, event }) => [[time(event.EventTime * 1000), event.Operation, event.OperationStatus,
          event.TypeName, event.Identifier || "",
          `${account} ${region}`,
          event.ErrorCode ? [h("span", { class: "error-code" }, event.ErrorCode), " ", event.StatusMessage || ""] : ""],
        { class: event.OperationStatus === "FAILED" ? "failed" : undefined }]));
    timer = setTimeout(() => refresh().catch(() => {}), 2000);
  };
  await refresh();
  return () => { stopped = true; clearTimeout(timer); };
}
