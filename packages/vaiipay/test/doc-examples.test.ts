import { fileURLToPath } from "node:url";
import { docExamplesSuite } from "@payspec/mock/vitest";

// Every example VaiiPay's pages print verbatim (requests, responses, the webhook payload), kept
// with its page in specs/vaiipay/doc-examples/, must satisfy the spec.
docExamplesSuite({
  provider: "vaiipay",
  directory: fileURLToPath(new URL("../../../specs/vaiipay/doc-examples/", import.meta.url)),
});
