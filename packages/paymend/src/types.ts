import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** Body of `POST /v1/payments`. */
export type CreatePaymentParams = Schemas["CreatePaymentRequest"];
export type RefundParams = Schemas["RefundRequest"];
export type CaptureParams = Schemas["CaptureRequest"];
export type Card = Schemas["Card"];
export type CardResponse = Schemas["CardResponse"];
export type PaymentMethod = Schemas["PaymentMethod"];
export type Source = Schemas["Source"];
export type Consumer = Schemas["Consumer"];
export type Address = Schemas["Address"];
export type Billing = Schemas["Billing"];
export type Shipping = Schemas["Shipping"];
export type ProductItem = Schemas["ProductItem"];
export type PreviousFailure = Schemas["PreviousFailure"];
export type Failure = Schemas["Failure"];
export type Transaction = Schemas["Transaction"];
export type GoodsType = Schemas["GoodsType"];
export type InitiatedBy = Schemas["InitiatedBy"];
/** The (undocumented, open) error body. */
export type PaymendErrorBody = Schemas["Error"];
