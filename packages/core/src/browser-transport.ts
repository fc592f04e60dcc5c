// What bundlers for browsers and workers put in place of node-transport.ts (the `browser` field in
// package.json): the Node transport is only ever chosen on Node, so this is never called.
import { type Transport, UnsentRequestError } from "./transport.js";

export function nodeTransport(): Transport {
  return () =>
    Promise.reject(
      new UnsentRequestError("payspec: the Node transport is not part of browser bundles; pass `fetch` instead."),
    );
}
