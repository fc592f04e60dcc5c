// Type-level only: a client that fills one parameter for every call (PaymentKit's account,
// Paymnt Cloud's profile) makes that parameter optional in its raw layer's types.

// Flattened object types (rather than intersections) keep openapi-fetch's required-argument
// checks working on the transformed operations.
type Simplify<T> = { [Key in keyof T]: T[Key] } & {};

type RequiredKeys<T> = { [Key in keyof T]-?: {} extends Pick<T, Key> ? never : Key }[keyof T];

type WithOptionalParameter<Params, Location extends string, Name extends string> = Params extends {
  [Where in Location]: infer Group;
}
  ? Group extends { [Parameter in Name]: unknown }
    ? [RequiredKeys<Omit<Group, Name>>] extends [never]
      ? Simplify<
          Omit<Params, Location> & { [Where in Location]?: Simplify<Omit<Group, Name> & { [P in Name]?: string }> }
        >
      : Simplify<
          Omit<Params, Location> & { [Where in Location]: Simplify<Omit<Group, Name> & { [P in Name]?: string }> }
        >
    : Params
  : Params;

type WithOptionalParameterOperation<Operation, Location extends string, Name extends string> = Operation extends {
  parameters: infer Params;
}
  ? Simplify<Omit<Operation, "parameters"> & { parameters: WithOptionalParameter<Params, Location, Name> }>
  : Operation;

/**
 * openapi-typescript's `paths` with the required `Location` parameter `Name` made optional in every
 * operation: the type of a client that fills it in itself, such as
 * `ScopedPaths<paths, "path", "account_id">` or `ScopedPaths<paths, "header", "x-profile-id">`.
 * A call may still pass its own value.
 */
export type ScopedPaths<Paths, Location extends "path" | "header" | "query", Name extends string> = {
  [Path in keyof Paths]: {
    [Method in keyof Paths[Path]]: Method extends "parameters"
      ? Paths[Path][Method]
      : WithOptionalParameterOperation<Paths[Path][Method], Location, Name>;
  };
};
