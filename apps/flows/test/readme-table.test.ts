import { readFileSync } from "node:fs";
import { describeOperations, resolveSpec } from "@payspec/mock";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type Operation = { "x-payspec-inferred"?: unknown; "x-payspec-source"?: unknown };
interface Spec {
  info: { version: string };
  paths: Record<string, Partial<Record<(typeof methods)[number], Operation>>>;
}

describe("the root README's package table", () => {
  it.each(["paymnt-cloud", "paymentkit", "vaiipay", "paymend"])("matches %s's package and spec", async (provider) => {
    const manifest = JSON.parse(
      readFileSync(new URL(`../../../packages/${provider}/package.json`, import.meta.url), "utf8"),
    ) as { name: string; version: string };
    const spec = parse(readFileSync(resolveSpec(provider), "utf8")) as Spec;
    const operations = await describeOperations(resolveSpec(provider));
    const all = Object.values(spec.paths).flatMap((item) => methods.flatMap((method) => item[method] ?? []));
    const inferred = all.filter((operation) => operation["x-payspec-inferred"] !== undefined).length;
    const row = readme.split("\n").find((line) => line.includes(`\`${manifest.name}\``));
    const cells = row?.split("|").map((cell) => cell.trim());
    expect(cells?.slice(2, 7)).toEqual([
      `\`${manifest.name}\``,
      manifest.version,
      spec.info.version,
      String(operations.length),
      `${operations.length - inferred} / ${inferred}`,
    ]);
  });
});
