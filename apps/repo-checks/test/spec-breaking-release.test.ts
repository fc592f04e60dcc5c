// `pnpm check:spec-breaking`'s release rule: which baseline it compares with (latest release tag,
// --base, none) and what makes a breaking change acceptable (a major changeset or major version).
import { afterAll, describe, expect, it } from "vitest";
import { createRepo, removeTestRepos, type Spec } from "./git-repo.js";

const removeCancel = (spec: Spec) => {
  delete spec.paths["/payments/{payment_id}/cancel"];
};
const removedLine = "POST /payments/{payment_id}/cancel (cancelPayment): operation removed";

afterAll(removeTestRepos);

describe.concurrent("accepting breaking changes", () => {
  it("passes a breaking change with a pending major changeset and lists it as accepted", async () => {
    const repo = createRepo({ release: "0.1.0" });
    repo.editSpec(removeCancel);
    repo.addChangeset("drop-cancel.md", { "@payspec/core": "patch", "@payspec/paymnt-cloud": "major" });
    const result = await repo.run("spec-breaking.mjs");
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain(
      "@payspec/paymnt-cloud: 1 breaking spec change(s) since release @payspec/paymnt-cloud@0.1.0, accepted (major changeset .changeset/drop-cancel.md)",
    );
    expect(result.stdout).toContain(removedLine);
  });

  it("does not accept a minor changeset, or a major one for another package", async () => {
    const repo = createRepo({ release: "0.1.0" });
    repo.editSpec(removeCancel);
    repo.addChangeset("minor.md", { "@payspec/paymnt-cloud": "minor" });
    repo.addChangeset("other.md", { "@payspec/paymentkit": "major" });
    const result = await repo.run("spec-breaking.mjs");
    expect(result.status, result.output).toBe(1);
    expect(result.stderr).toContain(removedLine);
  });

  it("accepts a version already bumped a major (the Version packages pull request)", async () => {
    const repo = createRepo({ release: "0.1.0" });
    repo.editSpec(removeCancel);
    repo.setVersion("1.0.0");
    const result = await repo.run("spec-breaking.mjs");
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain("accepted (version 0.1.0 -> 1.0.0)");
  });
});

describe.concurrent("the baseline", () => {
  it("is the highest semver release tag, not the last in lexical order", async () => {
    const repo = createRepo({ release: "0.9.0" });
    repo.editSpec(removeCancel);
    repo.setVersion("0.10.0");
    repo.commitAll("Release 0.10.0 without cancelPayment");
    repo.tag("0.10.0");
    repo.git("tag", "v9.9.9", "HEAD~1");
    const result = await repo.run("spec-breaking.mjs");
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain("no breaking spec changes since release @payspec/paymnt-cloud@0.10.0");
  });

  it("is --base <ref> when given", async () => {
    const repo = createRepo({ release: "0.1.0" });
    const released = repo.git("rev-parse", "HEAD").trim();
    repo.editSpec(removeCancel);
    repo.commitAll("Remove cancelPayment");

    const [sinceRelease, sinceHead, sinceCommit, unknown] = await Promise.all([
      repo.run("spec-breaking.mjs"),
      repo.run("spec-breaking.mjs", "--base", "HEAD"),
      repo.run("spec-breaking.mjs", `--base=${released}`),
      repo.run("spec-breaking.mjs", "--base", "no-such-ref"),
    ]);
    expect(sinceRelease.status, sinceRelease.output).toBe(1);

    expect(sinceHead.status, sinceHead.output).toBe(0);
    expect(sinceHead.stdout).toContain("@payspec/paymnt-cloud: no breaking spec changes since HEAD\n");

    expect(sinceCommit.status, sinceCommit.output).toBe(1);
    expect(sinceCommit.stderr).toContain(`breaking spec change(s) since ${released} and no major changeset`);
    expect(sinceCommit.stderr).toContain(removedLine);
    expect(sinceCommit.stderr).toContain(`[${released}:specs/paymnt-cloud/openapi.yaml:`);

    expect(unknown.status, unknown.output).toBe(2);
    expect(unknown.stderr).toContain("--base no-such-ref: not a commit in this repository");
  });

  it("does not exist before the first release: passes and says so", async () => {
    const repo = createRepo();
    repo.editSpec(removeCancel);
    const result = await repo.run("spec-breaking.mjs");
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain("@payspec/paymnt-cloud: no release yet, nothing to compare\n");
    expect(result.output).not.toContain("cancelPayment");
  });

  it("with --base before the first release, lists breaking changes but needs no major bump", async () => {
    const repo = createRepo();
    repo.editSpec(removeCancel);
    const result = await repo.run("spec-breaking.mjs", "--base", "HEAD");
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain("since HEAD; not released yet, so no major bump is needed");
    expect(result.stdout).toContain(removedLine);
  });
});
