import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { startMock } from "../src/index.js";
import { exampleSweepSuite, type SweepCall } from "../src/vitest.js";

// A spec with a success documented without content (answered with an empty body) next to one
// documented with a JSON body: the sweep exercises both, accepting the first only when empty.
const spec = join(mkdtempSync(join(tmpdir(), "payspec-sweep-")), "empty-success.yaml");
writeFileSync(
  spec,
  `openapi: 3.1.0
info: { title: sweep, version: "1" }
paths:
  /evidence:
    delete:
      operationId: removeEvidence
      responses:
        "200": { description: Removed; no body. }
        "400":
          description: Refused.
          content:
            application/json:
              schema: { type: object }
              examples: { refused: { value: { error: bad } } }
    get:
      operationId: listEvidence
      responses:
        "200":
          description: The evidence.
          content:
            application/json:
              schema: { type: object }
              examples: { one: { value: { count: 1 } } }
`,
);

const mock = await startMock({ spec });
afterAll(() => mock.close());

/** openapi-fetch's result rules, enough for the sweep: no data for an empty success body. */
const send =
  (method: string): SweepCall<string> =>
  async (url, headers) => {
    const response = await fetch(`${url}/evidence`, { method, headers });
    const text = await response.clone().text();
    const body = text === "" ? undefined : (JSON.parse(text) as unknown);
    return response.ok ? { data: body, response } : { error: body, response };
  };

await exampleSweepSuite(spec, () => mock.url, { removeEvidence: send("DELETE"), listEvidence: send("GET") });
