// A vitest setup file (`setupFiles: ["@payspec/mock/coverage-setup"]`): keeps every response the
// coverage recorder saw with its test's outcome, in `.contract-coverage/<worker>.jsonl`, for the
// coverage gate. A hit of a failing test never counts.
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { beforeEach } from "vitest";
import { coverageDirectory, currentTest } from "./contract-coverage.js";

const file = join(coverageDirectory(), `${process.pid}-${process.env.VITEST_POOL_ID ?? "0"}.jsonl`);

beforeEach(({ task, onTestFinished }) => {
  currentTest.name = `${task.file.name} > ${task.name}`;
  currentTest.hits = [];
  onTestFinished(({ task: finished }) => {
    const passed = finished.result?.state === "pass";
    if (currentTest.hits.length === 0) return;
    mkdirSync(coverageDirectory(), { recursive: true });
    appendFileSync(file, `${currentTest.hits.map((hit) => JSON.stringify({ ...hit, passed })).join("\n")}\n`);
    currentTest.hits = [];
  });
});
