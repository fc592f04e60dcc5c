import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** A payment (`PaymentsResponse`). */
export type Payment = Schemas["PaymentsResponse"];
/** A payment's status. Terminal: see {@link terminalPaymentStatuses}. */
export type PaymentStatus = Schemas["IntentStatus"];
export type CaptureMethod = Schemas["CaptureMethod"];
/** ISO 4217 currency code. */
export type Currency = Schemas["Currency"];
/** Body of `POST /payments`. */
export type PaymentCreateParams = Schemas["PaymentsCreateRequest"];
/** Body of `POST /payments/{payment_id}`. */
export type PaymentUpdateParams = Schemas["PaymentsUpdateRequest"];
/** Body of `POST /payments/{payment_id}/confirm`. */
export type PaymentConfirmParams = Schemas["PaymentsConfirmRequest"];
/** Body of `POST /payments/{payment_id}/capture`. */
export type PaymentCaptureParams = Schemas["PaymentsCaptureRequest"];
/** Body of `POST /payments/{payment_id}/cancel`. */
export type PaymentCancelParams = Schemas["PaymentsCancelRequest"];
/** One page of `GET /payments/list`. */
export type PaymentList = Schemas["PaymentListResponse"];
/** Body of `POST /payments/{payment_id}/cancel_post_capture`. */
export type PaymentCancelPostCaptureParams = Schemas["PaymentsCancelPostCaptureRequest"];
/** Body of `POST /payments/{payment_id}/incremental_authorization`. */
export type PaymentIncrementalAuthorizationParams = Schemas["PaymentsIncrementalAuthorizationRequest"];
/** Body of `POST /payments/{payment_id}/update_metadata`. */
export type PaymentMetadataUpdateParams = Schemas["PaymentsUpdateMetadataRequest"];
/** Result of `POST /payments/{payment_id}/update_metadata`. */
export type PaymentMetadataUpdated = Schemas["PaymentsUpdateMetadataResponse"];
/** A hosted payment page (`GET /payment_link/{payment_link_id}`). */
export type PaymentLink = Schemas["RetrievePaymentLinkResponse"];
/** Whether a payment link can still be paid. */
export type PaymentLinkStatus = Schemas["PaymentLinkStatus"];
/** The customer a payment reports (`PaymentsResponse.customer`). */
export type PaymentCustomer = Schemas["CustomerDetailsResponse"];

/** A refund (`RefundResponse`). */
export type Refund = Schemas["RefundResponse"];
export type RefundStatus = Schemas["RefundStatus"];
/** Body of `POST /refunds`. */
export type RefundCreateParams = Schemas["RefundRequest"];
/** Body of `POST /refunds/{refund_id}`. */
export type RefundUpdateParams = Schemas["RefundUpdateRequest"];
/** Body of `POST /refunds/list`. */
export type RefundListParams = Schemas["RefundListRequest"];
/** One page of `POST /refunds/list`. */
export type RefundList = Schemas["RefundListResponse"];

/** A customer (`CustomerResponse`). */
export type Customer = Schemas["CustomerResponse"];
/** Body of `POST /customers`. */
export type CustomerCreateParams = Schemas["CustomerRequest"];
/** Body of `POST /customers/{customer_id}`. */
export type CustomerUpdateParams = Schemas["CustomerUpdateRequest"];
/** Result of `DELETE /customers/{customer_id}`. */
export type CustomerDeleted = Schemas["CustomerDeleteResponse"];

/** A saved payment method (`PaymentMethodResponse`). */
export type SavedPaymentMethod = Schemas["PaymentMethodResponse"];
/** Body of `POST /payment_methods`. */
export type PaymentMethodCreateParams = Schemas["PaymentMethodCreate"];
/** Body of `POST /payment_methods/{method_id}/update`. */
export type PaymentMethodUpdateParams = Schemas["PaymentMethodUpdate"];
/** Result of `DELETE /payment_methods/{method_id}`. */
export type PaymentMethodDeleted = Schemas["PaymentMethodDeleteResponse"];
/** One of a customer's saved payment methods, as `GET /customers/{customer_id}/payment_methods` lists it. */
export type CustomerPaymentMethod = Schemas["CustomerPaymentMethod"];
/** Result of `GET /customers/{customer_id}/payment_methods`. */
export type CustomerPaymentMethodList = Schemas["CustomerPaymentMethodsListResponse"];
/** Result of `GET /account/payment_methods`: what the merchant's connectors accept. */
export type MerchantPaymentMethodList = Schemas["PaymentMethodListResponse"];

/** A dispute (chargeback) on a payment (`DisputeResponse`). `amount` is a string of minor units. */
export type Dispute = Schemas["DisputeResponse"];
export type DisputeStatus = Schemas["DisputeStatus"];
export type DisputeStage = Schemas["DisputeStage"];
/** Kinds of evidence a file can be attached as. */
export type EvidenceType = Schemas["EvidenceType"];
/** Body of `POST /disputes/evidence`. */
export type DisputeEvidenceParams = Schemas["SubmitEvidenceRequest"];
/** Body of `DELETE /disputes/evidence`: the dispute and the kind of evidence to remove. */
export type DisputeEvidenceDeleteParams = Schemas["DeleteEvidenceRequest"];
/** One attached evidence file, as `GET /disputes/evidence/{dispute_id}` lists it. */
export type DisputeEvidence = Schemas["DisputeEvidenceBlock"];
/** Result of `GET /disputes/filter`. */
export type DisputeFilters = Schemas["DisputeListFilters"];
/** Result of `GET /disputes/aggregate`. */
export type DisputeCounts = Schemas["DisputesAggregateResponse"];

/** A payout to a customer (`PayoutCreateResponse`). */
export type Payout = Schemas["PayoutCreateResponse"];
export type PayoutStatus = Schemas["PayoutStatus"];
export type PayoutType = Schemas["PayoutType"];
/** Body of `POST /payouts/create`. */
export type PayoutCreateParams = Schemas["PayoutsCreateRequest"];
/** Body of `POST /payouts/{payout_id}`. */
export type PayoutUpdateParams = Schemas["PayoutUpdateRequest"];
/** Body of `POST /payouts/{payout_id}/confirm`. */
export type PayoutConfirmParams = Schemas["PayoutConfirmRequest"];
/** Body of `POST /payouts/list`. */
export type PayoutFilterParams = Schemas["PayoutListFilterConstraints"];
/** One page of `GET /payouts/list` or `POST /payouts/list`. */
export type PayoutList = Schemas["PayoutListResponse"];
/** Result of `POST /payouts/filter`. */
export type PayoutFilters = Schemas["PayoutListFilters"];

/** A relayed operation on a payment made directly with a connector (`RelayResponse`). */
export type Relay = Schemas["RelayResponse"];
/** Body of `POST /relay`. */
export type RelayCreateParams = Schemas["RelayRequest"];
export type RelayStatus = Schemas["RelayStatus"];
export type RelayType = Schemas["RelayType"];

/** A standalone 3DS authentication (`AuthenticationResponse`). */
export type Authentication = Schemas["AuthenticationResponse"];
export type AuthenticationStatus = Schemas["AuthenticationStatus"];
/** Body of `POST /authentication`. */
export type AuthenticationCreateParams = Schemas["AuthenticationCreateRequest"];
/** Result of `POST /authentication/{authentication_id}/eligibility`. */
export type AuthenticationEligibility = Schemas["AuthenticationEligibilityResponse"];
/** Result of `POST /authentication/{authentication_id}/authenticate`: the ACS's answer. */
export type AuthenticationResult = Schemas["AuthenticationAuthenticateResponse"];
/** Result of `POST /authentication/{authentication_id}/sync`. */
export type AuthenticationSync = Schemas["AuthenticationSyncResponse"];

/** A subscription of a customer to a plan's price (`SubscriptionResponse`). */
export type Subscription = Schemas["SubscriptionResponse"];
export type SubscriptionStatus = Schemas["SubscriptionStatus"];
/** Body of `POST /subscriptions` (create and confirm in one call). */
export type SubscriptionCreateAndConfirmParams = Schemas["CreateAndConfirmSubscriptionRequest"];
/** Body of `POST /subscriptions/create`. */
export type SubscriptionCreateParams = Schemas["CreateSubscriptionRequest"];
/** Body of `POST /subscriptions/{subscription_id}/confirm`. */
export type SubscriptionConfirmParams = Schemas["ConfirmSubscriptionRequest"];
/** A plan or add-on, with its prices (`GET /subscriptions/items`). */
export type SubscriptionItem = Schemas["GetSubscriptionItemsResponse"];
/** Result of `GET /subscriptions/estimate`. */
export type SubscriptionEstimate = Schemas["EstimateSubscriptionResponse"];

/** A blocked card BIN, extended BIN or payment method fingerprint (`BlocklistResponse`). */
export type BlocklistEntry = Schemas["BlocklistResponse"];
/** Body of `POST /blocklist` and `DELETE /blocklist`. */
export type BlocklistParams = Schemas["BlocklistRequest"];
export type BlocklistDataKind = Schemas["BlocklistDataKind"];
/** A batch blocklist upload (`GET /blocklist/batch/{job_id}`). */
export type BlocklistBatchJob = Schemas["BatchBlocklistJobStatusResponse"];

/** A mandate: consent to charge a customer who is not present (`MandateResponse`). */
export type Mandate = Schemas["MandateResponse"];
export type MandateStatus = Schemas["MandateStatus"];
/** Result of `POST /mandates/revoke/{mandate_id}`. */
export type MandateRevoked = Schemas["MandateRevokedResponse"];
/** How the customer accepted a mandate. */
export type CustomerAcceptance = Schemas["CustomerAcceptance"];

/** The error body of every non-2xx response. */
export type PaymntCloudErrorBody = Schemas["ErrorResponse"];

/** Statuses after which a payment never changes again. */
export const terminalPaymentStatuses = [
  "succeeded",
  "failed",
  "cancelled",
  "cancelled_post_capture",
  "expired",
  "partially_captured",
] as const satisfies readonly PaymentStatus[];

/** True when a payment in `status` will not change any more. */
export function isTerminalPaymentStatus(status: PaymentStatus): boolean {
  return (terminalPaymentStatuses as readonly PaymentStatus[]).includes(status);
}
