import { fileURLToPath } from "node:url";
import { docExamplesSuite } from "@payspec/mock/vitest";

// Every example Paymnt Cloud's own pages print (request bodies, error bodies), kept verbatim with
// its page in specs/paymnt-cloud/doc-examples/, must satisfy the schema the spec gives it.
docExamplesSuite({
  provider: "paymnt-cloud",
  directory: fileURLToPath(new URL("../../../specs/paymnt-cloud/doc-examples/", import.meta.url)),
});
