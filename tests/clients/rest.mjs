// The service the scripts talk to (set by ClientScriptTests) and a plain JSON call to its own REST API.
import assert from 'node:assert/strict';

export const base = process.env.CLAIMTRACKER_URL;
export const key = process.env.CLAIMTRACKER_KEY;

/** Sends a JSON request with the admin key; fails the script on any answer but 2xx; answers the parsed body, or null. */
export async function rest(method, path, body) {
  const response = await fetch(base + path, {
    method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
