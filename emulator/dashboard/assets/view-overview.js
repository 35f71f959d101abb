// Overview: version, registry, uptime, behaviour flags, request rate, resources per scope.
import { get } from "./api.js";
import { h, table } from "./dom.js";

function duration(seconds) {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return `${hours} h ${minutes} min ${seconds % 60} s`;
}

function flag(value) {
  if (value === null || value === false) return "off";
  if (value === true) return "on";
  return String(value);
}

export async function render(root, _params, { go }) {
  const info = await get("/_ccemu/overview");
  root.replaceChildren(
    h("h1", {}, "Overview"),
    h("dl", { class: "facts" },
      h("dt", {}, "Version"), h("dd", {}, info.version),
      h("dt", {}, "Registry"), h("dd", {}, info.registry),
      h("dt", {}, "Types served"), h("dd", {}, info.types_served.toLocaleString("en")),
      h("dt", {}, "Uptime"), h("dd", {}, duration(info.uptime_seconds)),
      h("dt", {}, "API requests, last minute"), h("dd", {}, String(info.requests_last_minute)),
      h("dt", {}, "Resources"), h("dd", {}, info.resources.toLocaleString("en"))),
    h("h2", {}, "Flags that change behaviour"),
    table("Behaviour flags", ["Flag", "Value"], Object.entries(info.flags),
      ([name, value]) => [[h("code", {}, `--${name.replaceAll("_", "-")}`), flag(value)]]),
    h("h2", {}, "Resources per account, region and type"),
    info.scopes.length === 0 ? h("p", {}, "No resources stored.")
      : table("Resources per scope", ["Account", "Region", "Type", "Resources"], info.scopes, (scope) => [[
        scope.account, scope.region,
        h("a", { href: "#", onclick: (event) => { event.preventDefault(); go("resources", scope); } }, scope.type),
        scope.resources.toLocaleString("en")]]));
}
