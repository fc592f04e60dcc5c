import { fileURLToPath } from "node:url";
import { docExamplesSuite } from "@payspec/mock/vitest";

// Every example PaymentKit's pages print (request bodies, an error body, a customer object, the
// webhook envelope), kept verbatim with its page in specs/paymentkit/doc-examples/, must satisfy
// the schema the spec gives it.
docExamplesSuite({
  provider: "paymentkit",
  directory: fileURLToPath(new URL("../../../specs/paymentkit/doc-examples/", import.meta.url)),
});
