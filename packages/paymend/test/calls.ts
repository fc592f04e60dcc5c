import { type SweepCall, settle } from "@payspec/mock/vitest";
import type { PaymendClient } from "../src/index.js";
import { createBody, paymentId } from "./support.js";

// One valid call per operation, through its generated resource method, settled into
// `{ data, error, response }` for the example sweep and the negative suite.
type Call = SweepCall<PaymendClient>;

export const validCalls: Record<string, Call> = {
  createPayment: (c, headers) => settle(c.payments.create(createBody, { headers })),
  getPayment: (c, headers) => settle(c.payments.get(paymentId, { headers })),
  capturePayment: (c, headers) => settle(c.payments.capture(paymentId, undefined, { headers })),
  refundPayment: (c, headers) => settle(c.payments.refund(paymentId, { refundAmount: 5000 }, { headers })),
  voidPayment: (c, headers) => settle(c.payments.void(paymentId, { headers })),
};
