// Resource and method names of every operation, for the generated resource layer.
//
// An operation's `x-payspec-method` ("resource.method") names it outright. Otherwise the resource
// is its first tag in camelCase (`Payment Methods` → `paymentMethods`, a parenthesised note
// dropped) and the method is its operationId with the tag's noun taken out (`capturePayment` under
// `Payments` → `capture`, `listPayments` → `list`); an operationId that does not contain the noun
// needs the extension. Names are checked to be unique and valid identifiers.

const words = (text) =>
  text
    .replace(/\(.*?\)/g, "")
    .trim()
    .split(/[\s_-]+/)
    .filter(Boolean);
const capitalise = (word) => word.charAt(0).toUpperCase() + word.slice(1);
const camel = (parts) =>
  parts.map((part, index) => (index === 0 ? part.toLowerCase() : capitalise(part.toLowerCase()))).join("");
const singular = (word) =>
  word.endsWith("ies") ? `${word.slice(0, -3)}y` : word.endsWith("s") ? word.slice(0, -1) : word;
const identifier = /^[a-z][A-Za-z0-9]*$/;
const reserved = new Set(["raw", "withOptions", "use", "eject", "request", "then", "constructor", "prototype"]);

/** `{ resource, method }` for one operation, or throws with what to add to the spec. */
export function resourceNameOf(operation, where) {
  const declared = operation["x-payspec-method"];
  if (declared !== undefined) {
    const [resource, method, ...rest] = String(declared).split(".");
    if (rest.length > 0 || !identifier.test(resource ?? "") || !identifier.test(method ?? "")) {
      throw new Error(
        `${where}: x-payspec-method must be "resource.method" in camelCase, not ${JSON.stringify(declared)}.`,
      );
    }
    return { resource, method };
  }
  const tag = operation.tags?.[0];
  const id = operation.operationId;
  if (tag === undefined || id === undefined) {
    throw new Error(`${where}: needs a tag and an operationId, or x-payspec-method ("resource.method").`);
  }
  const tagWords = words(tag);
  const resource = camel(tagWords);
  const plural = tagWords.map(capitalise).join("");
  const nouns = [plural, tagWords.slice(0, -1).map(capitalise).join("") + capitalise(singular(tagWords.at(-1)))];
  for (const noun of nouns) {
    const at = id.indexOf(noun);
    if (at > 0) {
      const method = id.slice(0, at) + id.slice(at + noun.length);
      if (identifier.test(method)) return { resource, method };
    }
  }
  throw new Error(
    `${where}: operationId ${id} does not contain its tag's noun (${nouns.join(" or ")}); name it with x-payspec-method ("resource.method").`,
  );
}

/** Checks that every name is usable and unique; returns the problems found. */
export function nameProblems(named) {
  const problems = [];
  const seen = new Map();
  for (const { resource, method, where } of named) {
    if (reserved.has(resource)) problems.push(`${where}: resource name ${resource} is taken by the client itself.`);
    const key = `${resource}.${method}`;
    if (seen.has(key))
      problems.push(`${where}: ${key} is also the name of ${seen.get(key)}; set x-payspec-method on one.`);
    seen.set(key, where);
  }
  return problems;
}
