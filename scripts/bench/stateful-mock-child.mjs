// One process of stateful-mock.mjs, forked with an IPC channel. Three roles:
//
//   node scripts/bench/stateful-mock-child.mjs serve <provider> <prism|plain|stateful>
//     starts the provider's mock from packages/mock/dist (`proxy: false`, the default, or
//     `stateful: true`) and sends { type: "ready", url }. Then answers "profile-start" and
//     "profile-stop" (a V8 CPU profile of this process between the two, written to the path the
//     message gives), "cpu" (its process.cpuUsage()) and "close".
//   node scripts/bench/stateful-mock-child.mjs latency <provider> <prism|plain|stateful> <url> <warmup> <iterations>
//     runs `warmup` iterations of the provider's request mix one call at a time (raw fetch,
//     keep-alive), sends { type: "warm" }, waits for "go", runs `iterations` timed ones and sends
//     { type: "result", … } with the time of every call, by operation.
//   node scripts/bench/stateful-mock-child.mjs objects <provider> <url> <count> <batch>
//     stateful mode only: creates `count` objects in parallel batches of `batch`, pages through the
//     lists that hold them to the end and checks every created id is listed exactly once, newest
//     first; sends { type: "result", lists: [...] }.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";

const [role, provider, ...rest] = process.argv.slice(2);
const send = (message) => new Promise((resolve) => process.send(message, resolve));
const next = (type) =>
  new Promise((resolve) => {
    const listener = (message) => {
      if (message?.type !== type) return;
      process.off("message", listener);
      resolve(message);
    };
    process.on("message", listener);
  });

// ---------------------------------------------------------------------------------------------
// The providers: credentials, the request mix (create, retrieve, one transition), the lists.

const card = (card_number) => ({
  card: { card_number, card_exp_month: "10", card_exp_year: "2030", card_holder_name: "Jane Doe", card_cvc: "123" },
});

const providers = {
  "paymnt-cloud": {
    headers: { "api-key": "sk_sandbox_bench" },
    base: "",
    /** Create (manual capture, confirmed with the engine's success card), retrieve, capture in full. */
    mix: [
      {
        operation: "createPayment",
        method: "POST",
        path: () => "/payments",
        body: (i) => ({
          amount: 1000 + (i % 100),
          currency: "USD",
          capture_method: "manual",
          confirm: true,
          payment_method: "card",
          payment_method_data: card("4242424242424242"),
        }),
        keep: (answer) => answer.payment_id,
        expect: { stateful: "requires_capture" },
      },
      {
        operation: "retrievePayment",
        method: "GET",
        path: (id) => `/payments/${id}`,
        expect: { stateful: "requires_capture" },
      },
      {
        operation: "capturePayment",
        method: "POST",
        path: (id) => `/payments/${id}/capture`,
        body: (i) => ({ amount_to_capture: 1000 + (i % 100) }),
        expect: { stateful: "succeeded" },
      },
    ],
  },
  paymentkit: {
    headers: { authorization: "Bearer st_stg_bench" },
    base: "/api/acc_stg_bench",
    /** Create a subscription (active, with its first invoice), retrieve it, cancel it now. */
    mix: [
      {
        operation: "createSubscription",
        method: "POST",
        path: () => "/subscriptions",
        body: (i) => ({
          customer_id: `cus_bench_${i}`,
          currency: "USD",
          items: [{ price_id: "price_monthly_pro", quantity: 1 }],
        }),
        keep: (answer) => answer.id,
        expect: { stateful: "active" },
      },
      {
        operation: "retrieveSubscription",
        method: "GET",
        path: (id) => `/subscriptions/${id}`,
        expect: { stateful: "active" },
      },
      {
        operation: "cancelSubscription",
        method: "POST",
        path: (id) => `/subscriptions/${id}/cancel`,
        body: () => ({ refund_option: "none" }),
        expect: { stateful: "cancelled" },
      },
    ],
  },
};

const spec = providers[provider];
if (spec === undefined) throw new Error(`unknown provider ${provider}`);

/** One call with raw fetch (keep-alive by default); the parsed JSON and the status. */
async function call(url, method, path, body) {
  const headers = { ...spec.headers };
  if (body !== undefined) headers["content-type"] = "application/json";
  // What a client of these APIs sends on a POST (payspec's clients do): a fresh idempotency key.
  if (method === "POST") headers["idempotency-key"] = randomUUID();
  const response = await fetch(`${url}${spec.base}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

// ---------------------------------------------------------------------------------------------
if (role === "serve") {
  const [mode] = rest;
  const { startProviderMock } = await import("../../packages/mock/dist/index.js");
  const mock = await startProviderMock({
    spec: provider,
    ...(mode === "prism" ? { proxy: false } : {}),
    ...(mode === "stateful" ? { stateful: true } : {}),
  });
  let session;
  process.on("message", async (message) => {
    if (message?.type === "profile-start") {
      const { Session } = await import("node:inspector");
      session = new Session();
      session.connect();
      const post = (method, params) =>
        new Promise((resolve, reject) =>
          session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
        );
      session.postAsync = post;
      await post("Profiler.enable");
      await post("Profiler.setSamplingInterval", { interval: message.intervalUs ?? 100 });
      await post("Profiler.start");
      await send({ type: "profile-started" });
    } else if (message?.type === "profile-stop") {
      const { profile } = await session.postAsync("Profiler.stop");
      writeFileSync(message.path, JSON.stringify(profile));
      session.disconnect();
      await send({ type: "profile-stopped", path: message.path });
    } else if (message?.type === "cpu") {
      await send({ type: "cpu", usage: process.cpuUsage() });
    } else if (message?.type === "close") {
      await mock.close();
      await send({ type: "closed", peakRssMb: process.resourceUsage().maxRSS / 1024 });
      process.exit(0);
    }
  });
  await send({ type: "ready", url: mock.url });
}

// ---------------------------------------------------------------------------------------------
if (role === "latency") {
  const [mode, url, warmup, iterations] = rest;
  const times = Object.fromEntries(spec.mix.map(({ operation }) => [operation, []]));
  /** One pass of the mix; `record` false during warm-up. Every answer must be a 200 (in stateful mode, in the expected state). */
  const iteration = async (i, record) => {
    let id;
    for (const step of spec.mix) {
      const started = performance.now();
      const { status, json } = await call(url, step.method, step.path(id), step.body?.(i));
      const ms = performance.now() - started;
      if (status !== 200) {
        throw new Error(`${provider} ${mode}: ${step.operation} answered ${status}: ${JSON.stringify(json)}`);
      }
      const expected = step.expect?.[mode];
      if (expected !== undefined && json.status !== expected) {
        throw new Error(`${provider} ${mode}: ${step.operation} left ${json.status}, expected ${expected}`);
      }
      if (step.keep !== undefined) id = step.keep(json);
      if (record) times[step.operation].push(ms);
    }
    return id;
  };
  const first = await iteration(0, false);
  const second = await iteration(1, false);
  // Stateful mode creates a new object per call; Prism answers its one example every time.
  if ((first === second) !== (mode !== "stateful")) {
    throw new Error(`${provider} ${mode}: two creates answered ids ${first} and ${second}`);
  }
  for (let i = 2; i < Number(warmup); i++) await iteration(i, false);
  await send({ type: "warm" });
  await next("go");
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < Number(iterations); i++) await iteration(Number(warmup) + i, true);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const calls = Number(iterations) * spec.mix.length;
  await send({ type: "result", ms, calls, perCallMs: ms / calls, clientCpuMs: (cpu.user + cpu.system) / 1000, times });
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
if (role === "objects") {
  const [url, count, batch] = rest.map((value, index) => (index === 0 ? value : Number(value)));
  const limit = 100;
  const advance = () =>
    fetch(`${url}/__payspec/clock/advance`, { method: "POST", body: JSON.stringify({ ms: 1000 }) }).then((r) => {
      if (r.status !== 200) throw new Error(`clock advance answered ${r.status}`);
      return r.arrayBuffer();
    });

  /**
   * Creates `count` objects, `batch` at a time in parallel; the mock clock moves 1 s between
   * batches, so a later batch is newer in the provider's own timestamps too. Returns the created
   * ids with their batch number, and the time taken.
   */
  const createAll = async (create) => {
    const batchOf = new Map();
    const started = performance.now();
    for (let first = 0, number = 0; first < count; first += batch, number++) {
      const answers = await Promise.all(
        Array.from({ length: Math.min(batch, count - first) }, (_, k) => create(first + k)),
      );
      for (const id of answers) batchOf.set(id, number);
      await advance();
    }
    return { batchOf, ms: performance.now() - started };
  };

  /** Pages a list to the end: `page(n, previous)` answers { items, total? } for one page. */
  const pageAll = async (page) => {
    const listed = [];
    const sizes = [];
    let total;
    const started = performance.now();
    for (let n = 0; ; n++) {
      const answer = await page(n, listed.at(-1));
      sizes.push(answer.items.length);
      listed.push(...answer.items);
      if (answer.total !== undefined) total = answer.total;
      if (answer.items.length < limit || answer.last === true) break;
      if (n > count) throw new Error("more pages than objects: the list does not end");
    }
    return { listed, sizes, total, ms: performance.now() - started };
  };

  /** Every created id listed exactly once, nothing else, newest first (batch numbers and timestamps never rising). */
  const check = ({ name, style, created, paged, idOf, keyOf = idOf, timeOf }) => {
    const problems = [];
    const ids = paged.listed.map(idOf);
    const keys = paged.listed.map(keyOf);
    const seen = new Map();
    for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
    const duplicates = [...seen.values()].filter((times) => times > 1).length;
    const missing = [...created.batchOf.keys()].filter((key) => !seen.has(key)).length;
    const unknown = keys.filter((key) => !created.batchOf.has(key)).length;
    const uniqueIds = new Set(ids).size;
    if (duplicates > 0) problems.push(`${duplicates} ids listed more than once`);
    if (uniqueIds !== ids.length) problems.push(`${ids.length - uniqueIds} object ids repeated`);
    if (missing > 0) problems.push(`${missing} created ids missing`);
    if (unknown > 0) problems.push(`${unknown} listed ids never created here`);
    let outOfOrder = 0;
    for (let i = 1; i < keys.length; i++) {
      const later = created.batchOf.get(keys[i - 1]);
      const earlier = created.batchOf.get(keys[i]);
      const timesRise =
        timeOf !== undefined && Date.parse(timeOf(paged.listed[i])) > Date.parse(timeOf(paged.listed[i - 1]));
      if ((later !== undefined && earlier !== undefined && earlier > later) || timesRise) outOfOrder++;
    }
    if (outOfOrder > 0) problems.push(`${outOfOrder} neighbours in the wrong order (not newest first)`);
    if (paged.sizes.some((size) => size > limit)) problems.push(`a page longer than limit=${limit}`);
    if (paged.total !== undefined && paged.total !== created.batchOf.size) {
      problems.push(`total says ${paged.total}, created ${created.batchOf.size}`);
    }
    return {
      list: name,
      paging: style,
      created: created.batchOf.size,
      listed: ids.length,
      unique: seen.size,
      pages: paged.sizes.length,
      createMs: created.ms,
      pageMs: paged.ms,
      correct: problems.length === 0,
      problems,
    };
  };

  const ok = (what, { status, json }) => {
    if (status !== 200) throw new Error(`${what} answered ${status}: ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
  const lists = [];
  if (provider === "paymnt-cloud") {
    const payments = await createAll(async (i) => {
      const body = {
        amount: 1000 + i,
        currency: "USD",
        confirm: true,
        payment_method: "card",
        payment_method_data: card("4242424242424242"),
      };
      const payment = ok("createPayment", await call(url, "POST", "/payments", body));
      if (payment.status !== "succeeded") throw new Error(`payment ${payment.payment_id} is ${payment.status}`);
      return payment.payment_id;
    });
    const pagedPayments = await pageAll(async (_, last) => {
      const query = `limit=${limit}${last === undefined ? "" : `&starting_after=${encodeURIComponent(last.payment_id)}`}`;
      const answer = ok("listPayments", await call(url, "GET", `/payments/list?${query}`));
      if (answer.size !== answer.data.length)
        throw new Error(`listPayments: size ${answer.size}, ${answer.data.length} items`);
      return { items: answer.data };
    });
    lists.push(
      check({
        name: "GET /payments/list",
        style: "cursor (limit, starting_after)",
        created: payments,
        paged: pagedPayments,
        idOf: (payment) => payment.payment_id,
        timeOf: (payment) => payment.created,
      }),
    );
    const paymentIds = [...payments.batchOf.keys()];
    const refunds = await createAll(async (i) => {
      const refund = ok(
        "createRefund",
        await call(url, "POST", "/refunds", { payment_id: paymentIds[i], amount: 100 }),
      );
      if (refund.status !== "succeeded") throw new Error(`refund ${refund.refund_id} is ${refund.status}`);
      return refund.refund_id;
    });
    const pagedRefunds = await pageAll(async (n) => {
      const answer = ok("listRefunds", await call(url, "POST", "/refunds/list", { limit, offset: n * limit }));
      if (answer.count !== answer.data.length)
        throw new Error(`listRefunds: count ${answer.count}, ${answer.data.length} items`);
      return { items: answer.data, total: answer.total_count };
    });
    lists.push(
      check({
        name: "POST /refunds/list",
        style: "offset in the body (limit, offset)",
        created: refunds,
        paged: pagedRefunds,
        idOf: (refund) => refund.refund_id,
        timeOf: (refund) => refund.created_at,
      }),
    );
  } else if (provider === "paymentkit") {
    const subscriptionOf = new Map();
    const subscriptions = await createAll(async (i) => {
      const body = {
        customer_id: `cus_bench_${i}`,
        currency: "USD",
        items: [{ price_id: "price_monthly_pro", quantity: 1 }],
      };
      const subscription = ok("createSubscription", await call(url, "POST", "/subscriptions", body));
      if (subscription.status !== "active")
        throw new Error(`subscription ${subscription.id} is ${subscription.status}`);
      subscriptionOf.set(subscription.id, i);
      return subscription.id;
    });
    const offsetPages = (path, operation) =>
      pageAll(async (n) => {
        const answer = ok(operation, await call(url, "GET", `${path}?limit=${limit}&offset=${n * limit}`));
        return { items: answer.items, total: answer.total, last: answer.has_more === false };
      });
    lists.push(
      check({
        name: "GET /subscriptions",
        style: "offset (limit, offset)",
        created: subscriptions,
        paged: await offsetPages("/subscriptions", "listSubscriptions"),
        idOf: (subscription) => subscription.id,
        timeOf: (subscription) => subscription.created_at,
      }),
    );
    // Each subscription drafted its first invoice: the invoices list holds one per subscription,
    // checked by the subscription it belongs to (same batch, so the same order).
    lists.push(
      check({
        name: "GET /invoices (each subscription's first invoice)",
        style: "offset (limit, offset)",
        created: { ...subscriptions, ms: undefined },
        paged: await offsetPages("/invoices", "listInvoices"),
        idOf: (invoice) => invoice.id,
        keyOf: (invoice) => invoice.subscription_id,
      }),
    );
  } else {
    throw new Error(`no list check for ${provider}`);
  }
  await send({ type: "result", lists });
  process.exit(0);
}
