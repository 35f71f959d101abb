// The admin API, as the dashboard uses it: same origin, JSON, errors as {"message"}.

export class AdminError extends Error {}

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body,
  });
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
  if (!response.ok) throw new AdminError((parsed && parsed.message) || `${response.status} ${response.statusText}`);
  return parsed;
}

export const get = (path, query = {}) => {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== ""));
  const suffix = search.toString();
  return call("GET", suffix ? `${path}?${suffix}` : path);
};
export const post = (path, body = "") => call("POST", path, body);
export const put = (path, body) => call("PUT", path, body);
export const remove = (path) => call("DELETE", path);
