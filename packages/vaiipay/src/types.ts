import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** A payment, as `GET /api/payment/{paymentId}` and webhooks carry it. */
export type Payment = Schemas["Payment"];
export type PaymentStatus = Schemas["PaymentStatus"];
/** An amount as `value` (major units), `amount` (minor units) and `formatted`. */
export type Money = Schemas["Money"];
/** Body of `POST /api/payment/checkout`. */
export type CheckoutCreateParams = Schemas["CheckoutCreate"];
/** Result of `POST /api/payment/checkout`: the signed hosted checkout URL. */
export type Checkout = Schemas["Checkout"];
export type PaymentInstructions = Schemas["PaymentInstructions"];
export type PaymentMethodOption = Schemas["PaymentMethodOption"];
export type PaymentApplication = Schemas["PaymentApplication"];
export type PaymentApplicationCreateParams = Schemas["PaymentApplicationCreate"];
/** VaiiPay's error body: `{ message, errors? }`. */
export type VaiiPayErrorBody = Schemas["Error"];

/** Statuses after which a payment no longer changes on its own. */
export const finalPaymentStatuses = [
  "CONFIRMED",
  "CANCELLED",
  "ERROR",
  "REFUND",
] as const satisfies readonly PaymentStatus[];
