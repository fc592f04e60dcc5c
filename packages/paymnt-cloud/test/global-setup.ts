import { provideMocks } from "@payspec/mock";
import type { TestProject } from "vitest/node";

// One Prism mock for the whole run; its URL reaches tests through inject("mock:paymnt-cloud").
export default (project: TestProject) => provideMocks(project, ["paymnt-cloud"]);
