// Building DOM nodes. Every text from ccemu (identifiers, models, messages) goes in as text,
// never as HTML, so a resource named "<img onerror=...>" stays a name.

export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : String(child));
  }
}

// A table with a caption, header cells and one row per item; `row(item)` gives [cells, attributes].
export function table(caption, headers, items, row) {
  return h("table", {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, headers.map((name) => h("th", { scope: "col" }, name)))),
    h("tbody", {}, items.map((item) => {
      const [cells, attributes = {}] = row(item);
      return h("tr", attributes, cells.map((cell) => h("td", {}, cell)));
    })));
}

export function time(ms) {
  return ms ? new Date(ms).toISOString().replace(".000Z", "Z") : "";
}

export function message(text, bad = false) {
  return h("p", { class: bad ? "message bad" : "message", role: bad ? "alert" : "status" }, text);
}
