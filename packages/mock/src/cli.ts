// payspec-mock: start a provider's mock from the command line.
//
//   payspec-mock start <provider|openapi.yaml> [--port 4010] [--host 127.0.0.1] [--no-proxy] [--dynamic]
//                      [--stateful [--webhook-url URL] [--webhook-secret S] [--time-compression N]]
//   payspec-mock list
import { parseArgs } from "node:util";
import { startProviderMock } from "./provider-mock.js";
import { controlPaths } from "./proxy.js";
import { MockStartError, providers } from "./specs.js";

const usage = `usage:
  payspec-mock start <provider|path/to/openapi.yaml> [--port N] [--host H] [--no-proxy] [--dynamic]
                     [--stateful [--webhook-url URL] [--webhook-secret S] [--time-compression N]]
  payspec-mock list

Starts Prism for the spec and, unless --no-proxy, the remembering proxy in front of it: repeated
idempotency keys replay the first response, a reused key with another body is refused, faults are
injected on cue (POST ${controlPaths.faults}), attempts are listed at GET ${controlPaths.attempts}.

--stateful remembers objects and runs the spec's lifecycle: created objects come back, transitions
are refused as the provider refuses them, and each event is delivered, signed with
--webhook-secret, to --webhook-url (retried on the provider's schedule divided by
--time-compression). Control: POST /__payspec/reset, GET /__payspec/clock,
POST /__payspec/clock/advance {"ms": n}, GET /__payspec/deliveries, POST /__payspec/objects,
GET /__payspec/objects/{kind}/{id}, POST /__payspec/objects/{kind}/{id}/events/{name}.`;

function fail(message: string): never {
  process.stderr.write(`payspec-mock: ${message}\n\n${usage}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const [command, spec, ...extra] = parsed.positionals;
  if (command === "list") {
    process.stdout.write(`${providers().join("\n")}\n`);
    return;
  }
  if (command !== "start" || spec === undefined || extra.length > 0) fail("expected `start <provider>` or `list`.");
  const port = Number(parsed.values.port ?? "4010");
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535; got ${parsed.values.port}.`);

  const stateful = parsed.values.stateful ?? false;
  const webhookUrl = parsed.values["webhook-url"];
  const webhookSecret = parsed.values["webhook-secret"];
  const compression = parsed.values["time-compression"];
  if (!stateful && (webhookUrl !== undefined || webhookSecret !== undefined || compression !== undefined)) {
    fail("--webhook-url, --webhook-secret and --time-compression need --stateful.");
  }
  if (webhookUrl !== undefined && !URL.canParse(webhookUrl))
    fail(`--webhook-url must be an absolute URL; got ${webhookUrl}.`);
  const timeCompression = compression === undefined ? undefined : Number(compression);
  if (timeCompression !== undefined && !(timeCompression > 0)) {
    fail(`--time-compression must be a positive number; got ${compression}.`);
  }

  let mock: Awaited<ReturnType<typeof startProviderMock>>;
  try {
    mock = await startProviderMock({
      spec,
      port,
      host: parsed.values.host ?? "127.0.0.1",
      proxy: !parsed.values["no-proxy"],
      dynamic: parsed.values.dynamic ?? false,
      ...(stateful
        ? {
            stateful: true,
            ...(webhookUrl === undefined
              ? {}
              : {
                  webhooks: {
                    url: webhookUrl,
                    ...(webhookSecret === undefined ? {} : { secret: webhookSecret }),
                    ...(timeCompression === undefined ? {} : { timeCompression }),
                  },
                }),
          }
        : {}),
    });
  } catch (error) {
    if (error instanceof MockStartError || error instanceof TypeError) fail(error.message);
    if ((error as { code?: string }).code === "EADDRINUSE")
      fail(`port ${port} is already in use; choose another with --port.`);
    throw error;
  }
  const proxied = mock.url !== mock.mockUrl;
  process.stdout.write(
    `payspec-mock: ${spec} listening on ${mock.url}\n` +
      (proxied
        ? `  remembering proxy in front of Prism at ${mock.mockUrl}; idempotency header: ${mock.idempotencyHeader ?? "none (provider documents none)"}\n`
        : "  Prism only (--no-proxy)\n") +
      (stateful
        ? `  stateful: objects remembered; webhooks ${webhookUrl === undefined ? "not delivered (no --webhook-url)" : `delivered to ${webhookUrl}`}\n`
        : "") +
      "  stop with Ctrl-C\n",
  );
  const stop = () => {
    mock.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      port: { type: "string", short: "p" },
      host: { type: "string" },
      "no-proxy": { type: "boolean" },
      dynamic: { type: "boolean" },
      stateful: { type: "boolean" },
      "webhook-url": { type: "string" },
      "webhook-secret": { type: "string" },
      "time-compression": { type: "string" },
    },
  });
}

await main();
