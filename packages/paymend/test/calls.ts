import type { SweepCall } from "@payspec/mock/vitest";
import type { PaymendClient } from "../src/index.js";
import { createBody, paymentId } from "./support.js";

type Call = SweepCall<PaymendClient>;

const path = { paymentId };
export const validCalls: Record<string, Call> = {
  createPayment: (c, headers) => c.POST("/v1/payments", { body: createBody, headers }),
  getPayment: (c, headers) => c.GET("/v1/payments/{paymentId}", { params: { path }, headers }),
  capturePayment: (c, headers) => c.POST("/v1/payments/{paymentId}/capture", { params: { path }, headers }),
  refundPayment: (c, headers) =>
    c.POST("/v1/payments/{paymentId}/refund", { params: { path }, body: { refundAmount: 5000 }, headers }),
  voidPayment: (c, headers) => c.POST("/v1/payments/{paymentId}/void", { params: { path }, headers }),
};
