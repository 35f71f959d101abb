// The dashboard's router: the location hash names the view and its parameters
// ("#resources?type=AWS::S3::Bucket"); each view module renders into <main>.
import { h, message } from "./dom.js";
import * as overview from "./view-overview.js";
import * as types from "./view-types.js";
import * as resources from "./view-resources.js";
import * as requests from "./view-requests.js";
import * as faults from "./view-faults.js";
import * as actions from "./view-actions.js";

const views = { overview, types, resources, requests, faults, actions };
const main = document.getElementById("view");
let current = null; // { name, stop } of the view shown

function route() {
  const [name, query = ""] = location.hash.slice(1).split("?");
  return { name: views[name] ? name : "overview", params: new URLSearchParams(query) };
}

export function go(name, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== "")).toString();
  location.hash = query ? `${name}?${query}` : name;
}

async function show() {
  const { name, params } = route();
  if (current && current.stop) current.stop();
  const sameView = current && current.name === name;
  current = { name, stop: null };
  for (const link of document.querySelectorAll("nav a")) {
    if (link.getAttribute("href") === `#${name}`) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const title = name[0].toUpperCase() + name.slice(1);
  document.title = `${title} · ccemu dashboard`;
  const view = views[name];
  const root = h("div", {});
  try {
    const stop = await view.render(root, params, { go });
    if (current.name === name) current.stop = stop;
  } catch (error) {
    root.replaceChildren(h("h1", {}, title), message(error.message, true));
  }
  main.replaceChildren(root);
  document.body.dataset.view = name;
  // Keyboard and screen reader users land on the new view; the page stays where it was.
  if (!sameView) main.focus({ preventScroll: true });
}

window.addEventListener("hashchange", show);
show();
