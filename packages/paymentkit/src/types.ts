import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];

export type Account = Schemas["Account"];
export type AccountCreateParams = Schemas["AccountCreate"];
export type Customer = Schemas["Customer"];
export type CustomerCreateParams = Schemas["CustomerCreate"];
export type CustomerUpdateParams = Schemas["CustomerUpdate"];
export type Product = Schemas["Product"];
export type ProductCreateParams = Schemas["ProductCreate"];
export type ProductUpdateParams = Schemas["ProductUpdate"];
export type Price = Schemas["Price"];
export type PriceCreateParams = Schemas["PriceCreate"];
export type PriceUpdateParams = Schemas["PriceUpdate"];
export type Subscription = Schemas["Subscription"];
export type SubscriptionStatus = Schemas["SubscriptionStatus"];
export type SubscriptionCreateParams = Schemas["SubscriptionCreate"];
export type SubscriptionUpdateParams = Schemas["SubscriptionUpdate"];
export type SubscriptionCancelParams = Schemas["SubscriptionCancel"];
export type SubscriptionScheduleCancellationParams = Schemas["SubscriptionScheduleCancellation"];
export type SubscriptionPauseParams = Schemas["SubscriptionPause"];
export type SubscriptionResumeParams = Schemas["SubscriptionResume"];
export type SubscriptionChangePlanParams = Schemas["SubscriptionChangePlan"];
export type ChangeRequest = Schemas["ChangeRequest"];
export type ChangeRequestStatus = Schemas["ChangeRequestStatus"];
export type ChangeRequestCreateParams = Schemas["ChangeRequestCreate"];
export type Invoice = Schemas["Invoice"];
export type InvoiceStatus = Schemas["InvoiceStatus"];
export type InvoiceCreateParams = Schemas["InvoiceCreate"];
export type CheckoutSession = Schemas["CheckoutSession"];
export type CheckoutSessionCreateParams = Schemas["CheckoutSessionCreate"];
export type Refund = Schemas["Refund"];
export type RefundReason = Schemas["RefundReason"];
export type RefundCreateParams = Schemas["RefundCreate"];
export type WebhookEndpoint = Schemas["WebhookEndpoint"];
export type WebhookEndpointCreateParams = Schemas["WebhookEndpointCreate"];
export type WebhookEndpointUpdateParams = Schemas["WebhookEndpointUpdate"];
export type BillingInterval = Schemas["BillingInterval"];
export type CollectionMethod = Schemas["CollectionMethod"];
export type ProrationBehavior = Schemas["ProrationBehavior"];
export type PauseBehavior = Schemas["PauseBehavior"];
export type RefundOption = Schemas["RefundOption"];
/** RFC 7807 problem details, the body of most error responses. */
export type Problem = Schemas["Problem"];
/** FastAPI's validation error, which 422 may carry instead of a problem. */
export type HTTPValidationError = Schemas["HTTPValidationError"];
