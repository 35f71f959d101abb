// Types: every served type, searched and paged on the server; one type's property roles.
import { get } from "./api.js";
import { h, table } from "./dom.js";

const PAGE = 50;

function roles(type) {
  const list = (pointers) => (pointers.length ? pointers.map((p) => h("code", {}, p)).flatMap((c) => [c, " "]) : "none");
  return h("section", { class: "panel", "aria-labelledby": "type-title" },
    h("h2", { id: "type-title" }, type.name),
    h("dl", { class: "facts" },
      h("dt", {}, "Primary identifier"), h("dd", {}, list(type.primaryIdentifier)),
      h("dt", {}, "Read-only"), h("dd", {}, list(type.readOnlyProperties)),
      h("dt", {}, "Write-only"), h("dd", {}, list(type.writeOnlyProperties)),
      h("dt", {}, "Create-only"), h("dd", {}, list(type.createOnlyProperties)),
      h("dt", {}, "Handlers"), h("dd", {}, type.handlers.join(", ")),
      h("dt", {}, "Resources"), h("dd", {}, String(type.resources))));
}

export async function render(root, params, { go }) {
  const q = params.get("q") || "";
  const offset = Number(params.get("offset") || 0);
  const selected = params.get("name");
  const [page, detail] = await Promise.all([
    get("/_ccemu/types", { q, offset, limit: PAGE }),
    selected ? get(`/_ccemu/types/${encodeURIComponent(selected)}`) : null,
  ]);
  const search = h("input", { id: "type-search", type: "search", value: q, placeholder: "AWS::S3" });
  let pending = null;
  search.addEventListener("input", () => {
    clearTimeout(pending);
    pending = setTimeout(() => go("types", { q: search.value }), 150);
  });
  const last = Math.min(offset + PAGE, page.total);
  root.replaceChildren(
    h("h1", {}, "Types"),
    h("div", { class: "controls", role: "search" },
      h("label", { for: "type-search" }, "Search types"), search),
    detail ? roles(detail) : null,
    table(`${page.total.toLocaleString("en")} types${q ? ` matching “${q}”` : ""}; ${page.total ? offset + 1 : 0}–${last} shown`,
      ["Type", "Resources"], page.types, (type) => [[
        h("button", { class: "link", type: "button", onclick: () => go("types", { q, offset, name: type.name }) }, type.name),
        type.resources ? h("a", { href: "#", onclick: (e) => { e.preventDefault(); go("resources", { type: type.name }); } },
          String(type.resources)) : "0"]]),
    h("div", { class: "pager" },
      h("button", { type: "button", class: "secondary", disabled: offset === 0,
        onclick: () => go("types", { q, offset: Math.max(0, offset - PAGE) }) }, "Previous page"),
      h("button", { type: "button", class: "secondary", disabled: last >= page.total,
        onclick: () => go("types", { q, offset: offset + PAGE }) }, "Next page")));
  // Searching re-renders the view: keep typing where it was.
  if (params.has("q")) {
    const field = root.querySelector("#type-search");
    queueMicrotask(() => { field.focus(); field.setSelectionRange(field.value.length, field.value.length); });
  }
}
