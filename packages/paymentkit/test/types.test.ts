import { describe, expectTypeOf, it } from "vitest";
import {
  type AccountScopedPaymentKitClient,
  type Customer,
  createPaymentKitClient,
  type InvoiceStatus,
  type ListItem,
  type PaymentKitClient,
  paginate,
  type SubscriptionStatus,
} from "../src/index.js";

declare const scoped: AccountScopedPaymentKitClient;
declare const unscoped: PaymentKitClient;

describe("PaymentKit types", () => {
  it("returns an account-scoped client only when accountId is given", () => {
    expectTypeOf(
      createPaymentKitClient({ token: "t", environment: "production", accountId: "acc_prod_1" }),
    ).toEqualTypeOf<AccountScopedPaymentKitClient>();
    expectTypeOf(createPaymentKitClient({ token: "t", environment: "production" })).toEqualTypeOf<PaymentKitClient>();
  });

  it("types statuses, items and pagination from the spec", () => {
    expectTypeOf<"past_due">().toExtend<SubscriptionStatus>();
    expectTypeOf<"canceled">().not.toExtend<SubscriptionStatus>();
    expectTypeOf<"uncollectible">().toExtend<InvoiceStatus>();
    expectTypeOf<ListItem<"/api/{account_id}/customers">>().toEqualTypeOf<Customer>();
    const compileOnly = () =>
      expectTypeOf(paginate(scoped, "/api/{account_id}/customers")).toEqualTypeOf<
        AsyncGenerator<Customer, void, undefined>
      >();
    expectTypeOf(compileOnly).toBeFunction();
  });

  it("rejects misuse at compile time", () => {
    const compileOnly = () => {
      // account_id may be left out on a scoped client …
      scoped.GET("/api/{account_id}/customers");
      // @ts-expect-error … but not on a client without an account
      unscoped.GET("/api/{account_id}/customers");
      // @ts-expect-error the subscription id is still required
      scoped.GET("/api/{account_id}/subscriptions/{subscription_id}", { params: {} });
      // @ts-expect-error items are required on a subscription
      scoped.POST("/api/{account_id}/subscriptions", { body: { customer_id: "cus_1", currency: "USD" } });
      // @ts-expect-error a refund names its payment (payment_intent_id or invoice_id)
      scoped.POST("/api/{account_id}/payments/refunds", { body: { amount_atom: 1500 } });
      // @ts-expect-error refund amounts are integer atoms, not decimal strings
      scoped.POST("/api/{account_id}/payments/refunds", { body: { payment_intent_id: "pi_1", amount_atom: "15.00" } });
      // the resume body is optional (resume now) …
      scoped.POST("/api/{account_id}/subscriptions/{subscription_id}/resume", {
        params: { path: { subscription_id: "sub_1" } },
      });
      scoped.POST("/api/{account_id}/subscriptions/{subscription_id}/resume", {
        params: { path: { subscription_id: "sub_1" } },
        // @ts-expect-error … and its timing is `immediately` or `on_date`
        body: { resume_timing: "tomorrow" },
      });
      // @ts-expect-error an account needs its organization
      unscoped.POST("/api/accounts", { body: { name: "Production Environment" } });
      // @ts-expect-error updates are PATCH, not PUT
      scoped.PUT("/api/{account_id}/subscriptions/{subscription_id}", {
        params: { path: { subscription_id: "sub_1" } },
      });
      // @ts-expect-error finalize takes no body path like this
      scoped.POST("/api/{account_id}/invoices/finalize");
      // @ts-expect-error only list paths can be paginated
      paginate(scoped, "/api/{account_id}/subscriptions/{subscription_id}");
      // @ts-expect-error a client without accountId must name the account to page an account's list
      paginate(unscoped, "/api/{account_id}/customers");
      paginate(unscoped, "/api/{account_id}/customers", { params: { path: { account_id: "acc_prod_1" } } });
      paginate(unscoped, "/api/customers");
      // @ts-expect-error … and so must its resource methods
      unscoped.customers.list();
      unscoped.customers.list(undefined, { accountId: "acc_prod_1" });
      scoped.customers.list();
      // @ts-expect-error a misspelt field of a resource method's body does not compile
      scoped.customers.create({ email: "a@example.com", nickname: "x" });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});
