// What bundlers for browsers and workers put in place of node-transport.ts (the `browser` field in
// package.json): the Node transport is only ever loaded on Node, so this is never called there.
import type { Transport } from "./transport.js";

export async function undiciTransport(): Promise<Transport> {
  throw new Error("payspec: the Node transport is not part of browser bundles; pass `fetch` instead.");
}
