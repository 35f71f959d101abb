// Actions: reset (after confirmation), download the masked state dump, load a dump.
import { post, put } from "./api.js";
import { h, message } from "./dom.js";

export async function render(root) {
  const feedback = h("div", { id: "action-feedback" });
  const say = (text, bad = false) => feedback.replaceChildren(message(text, bad));
  const file = h("input", { id: "dump-file", type: "file", accept: "application/json,.json" });
  root.replaceChildren(
    h("h1", {}, "Actions"),
    h("h2", {}, "Reset"),
    h("p", {}, "Forgets every resource and request in every account and region. Fault rules stay."),
    h("button", { type: "button", class: "danger", id: "reset", onclick: async () => {
      if (!window.confirm("Reset ccemu? Every resource and request is forgotten.")) return;
      try { await post("/_ccemu/reset"); say("Reset: the store is empty."); } catch (error) { say(error.message, true); }
    } }, "Reset…"),
    h("h2", {}, "Download the state"),
    h("p", {}, "Every resource as a dump, write-only values replaced by \"***\"."),
    h("p", {}, h("a", { href: "/_ccemu/state", download: "ccemu-state.json", id: "download" }, "Download state dump (JSON)")),
    h("h2", {}, "Load a state dump"),
    h("p", {}, "Replaces every resource with the dump's and forgets every request; an invalid dump changes nothing."),
    h("form", { class: "controls", onsubmit: async (e) => {
      e.preventDefault();
      if (!file.files.length) return say("Choose a dump file first.", true);
      try { await put("/_ccemu/state", await file.files[0].text()); say("Loaded."); } catch (error) { say(error.message, true); }
    } },
    h("label", { for: "dump-file" }, "Dump file"), file,
    h("button", { type: "submit", id: "load" }, "Load dump")),
    feedback);
}
