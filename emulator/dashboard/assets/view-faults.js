// Faults: the rules in force; add one (the same JSON as POST /_ccemu/faults), remove one, clear all.
import { get, post, remove } from "./api.js";
import { h, message, table } from "./dom.js";

const EXAMPLE = '{"operation": "CreateResource", "error": {"code": "ThrottlingException"}, "times": 1}';

function describe(rule) {
  const { id, fired, remaining, ...shown } = rule;
  return JSON.stringify(shown);
}

export async function render(root, _params, { go }) {
  const { rules } = await get("/_ccemu/faults");
  const feedback = h("div", { id: "fault-feedback" });
  const refresh = () => render(root, _params, { go });
  const act = (action) => async () => {
    try { await action(); await refresh(); } catch (error) { feedback.replaceChildren(message(error.message, true)); }
  };
  const rule = h("textarea", { id: "fault-rule", name: "rule", rows: 4, spellcheck: "false" }, EXAMPLE);
  root.replaceChildren(
    h("h1", {}, "Faults"),
    rules.length === 0 ? h("p", {}, "No fault rules in force.")
      : table("Rules in force, checked in this order", ["Id", "Rule", "Fired", "Remaining", ""], rules, (r) => [[
        String(r.id), h("code", {}, describe(r)), String(r.fired), r.remaining === undefined ? "" : String(r.remaining),
        h("button", { type: "button", class: "secondary", "aria-label": `Remove rule ${r.id}`,
          onclick: act(() => remove(`/_ccemu/faults/${r.id}`)) }, "Remove")]]),
    rules.length ? h("button", { type: "button", class: "danger", id: "clear-faults", onclick: act(() => remove("/_ccemu/faults")) },
      "Clear all rules") : null,
    h("h2", {}, "Add a rule"),
    h("form", { onsubmit: (e) => { e.preventDefault(); act(() => post("/_ccemu/faults", rule.value))(); } },
      h("p", {}, h("label", { for: "fault-rule" }, "Rule JSON"), " (README “Fault injection” lists the keys)"),
      rule,
      h("p", {}, h("button", { type: "submit", id: "add-fault" }, "Add rule"))),
    feedback);
}
