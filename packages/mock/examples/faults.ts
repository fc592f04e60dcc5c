import { startProviderMock } from "@payspec/mock";

// Prism serving the Paymnt Cloud spec, behind the remembering proxy.
const mock = await startProviderMock({ spec: "paymnt-cloud" });

const createPayment = () =>
  fetch(`${mock.url}/payments`, {
    method: "POST",
    headers: { "api-key": "sk_test_anything", "content-type": "application/json", "idempotency-key": "order-1042" },
    body: JSON.stringify({ amount: 1000, currency: "USD" }),
  });

// The provider acts on the next POST, then the connection drops before the answer arrives.
mock.fault({ method: "POST", path: "/payments", fault: { kind: "drop-after-forward" } });
const lost = await createPayment().catch((error: Error) => error);
console.log("first attempt:", lost instanceof Error ? "connection dropped" : lost.status);

// A retry with the same key gets the first answer back; the provider acted once.
const retry = await createPayment();
console.log("retry:", retry.status, "replayed:", retry.headers.get("idempotent-replayed"));
console.log("attempts:", mock.attempts.map((attempt) => attempt.outcome).join(", "));

await mock.close();
