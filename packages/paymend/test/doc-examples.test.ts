import { fileURLToPath } from "node:url";
import { docExamplesSuite } from "@payspec/mock/vitest";

// Every example Paymend's pages print verbatim (objects, and the field examples of the
// create-payment reference), kept with its page in specs/paymend/doc-examples/, must satisfy the
// spec. Where two versions of a page disagree, both versions' examples are here.
docExamplesSuite({
  provider: "paymend",
  directory: fileURLToPath(new URL("../../../specs/paymend/doc-examples/", import.meta.url)),
});
