// A vitest setup file (`setupFiles: ["@payspec/mock/coverage-setup"]`): keeps every response the
// contract tests record with their test's outcome, for the coverage gate.
import { recordCoverageOfEachTest } from "./contract-coverage.js";

recordCoverageOfEachTest();
