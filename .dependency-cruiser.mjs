// dependency-cruiser's configuration for `pnpm check:cycles` (run by `npm test`): no import cycle
// between the source files of a package. A cycle makes a module's exports depend on load order
// (one side sees the other half-initialised) and ties files together that should be edited apart.
/** @type {import("dependency-cruiser").IConfiguration} */
export default {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "These files import each other. Move what they share into a module of its own, so the imports point one way.",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Only each package's own source: tests, examples, dist and dependencies are not cruised, and
    // an import of another workspace package (which resolves to its dist) leaves the graph.
    includeOnly: "^packages/[^/]+/src/",
    // `import type` counts too: a type-only cycle is still two files that cannot be read apart.
    tsPreCompilationDeps: true,
  },
};
