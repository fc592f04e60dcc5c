import type { Middleware } from "openapi-fetch";
import { InvalidRequestError } from "./errors.js";

const placeholders = /%7B([A-Za-z0-9_]+)%7D|\{([A-Za-z0-9_]+)\}/g;

/**
 * Fills path parameters the call left out from client-wide defaults (such as the account id every
 * path of an account-scoped API carries), and refuses to send a request whose path still has an
 * unfilled placeholder: without this, `/api/{account_id}/…` would go out literally.
 */
export function pathParamsMiddleware(defaults: Readonly<Record<string, string>>): Middleware {
  return {
    onRequest({ request }) {
      // Cheap check first: this runs on every request, and almost none need it.
      if (!request.url.includes("%7B") && !request.url.includes("{")) return undefined;
      const url = new URL(request.url);
      const missing: string[] = [];
      const pathname = url.pathname.replace(placeholders, (match, encoded?: string, plain?: string) => {
        const name = (encoded ?? plain) as string;
        const value = defaults[name];
        if (value === undefined) {
          missing.push(name);
          return match;
        }
        return encodeURIComponent(value);
      });
      if (pathname === url.pathname && missing.length === 0) return undefined;
      if (missing.length > 0) {
        throw new InvalidRequestError(
          "missing_path_parameter",
          `Missing path parameter ${missing.join(", ")}: pass it in params.path${missing.includes("account_id") ? " or set accountId on the client" : ""}.`,
        );
      }
      url.pathname = pathname;
      return new Request(url, request);
    },
  };
}
