# Request examples copied from PaymentKit's docs pages. The contract tests replay each one against
# the mock of ../openapi.yaml: method, headers and body exactly as written; URL placeholders such
# as {account_id} are filled with the spec's example ids (the docs mean them as placeholders).
# Some pages were only available with indentation collapsed; tokens, order and values are exact.
# Not meant to be run: the hosts and tokens are the docs' placeholders.
# The issue-a-refund guide's request is not here: its path was not in the text available of that
# page, so no curl of it can be copied (the spec marks the refund path as inferred).

# source: https://docs.paymentkit.com/api-reference — Authentication (list customers)
curl https://api.paymentkit.com/api/customers \
  -H "Authorization: Bearer st_prod_your_secret_token"

# source: https://docs.paymentkit.com/api-reference — Request format (create customer)
curl https://api.paymentkit.com/api/customers \
  -H "Authorization: Bearer st_prod_your_secret_token" \
  -H "Content-Type: application/json" \
  -d '{"email": "customer@example.com", "name": "Jane Smith"}'

# source: https://docs.paymentkit.com/api-reference — Pagination
curl "https://api.paymentkit.com/api/customers?limit=20&offset=0" \
  -H "Authorization: Bearer st_prod_your_secret_token"

# source: https://docs.paymentkit.com/api-reference — Expanding responses
curl "https://api.paymentkit.com/api/customers/cus_prod_abc123?expand=custom_fields" \
  -H "Authorization: Bearer st_prod_your_secret_token"

# source: https://docs.paymentkit.com/guides/billing/subscriptions/create-a-subscription
curl -X POST https://api.paymentkit.com/api/{account_id}/subscriptions \
-H "Authorization: Bearer sk_live_..." \
-H "Content-Type: application/json" \
-d '{
"customer_id": "cus_abc123",
"currency": "USD",
"period_start": "2026-02-01T00:00:00Z",
"billing_interval": "month",
"billing_interval_count": 1,
"collection_method": "charge_automatically",
"processor_id": "proc_live_abc123",
"items": [
{
"price_id": "price_monthly_pro",
"quantity": 1
}
]
}'

# source: https://docs.paymentkit.com/guides/billing/subscriptions/update-a-subscription
curl -X PATCH https://api.paymentkit.com/api/{account_id}/subscriptions/{subscription_id} \
-H "Authorization: Bearer sk_live_..." \
-H "Content-Type: application/json" \
-d '{
 "description": "Enterprise plan - annual",
 "default_payment_method_id": "pm_newcard456"
}'

# source: https://docs.paymentkit.com/guides/billing/subscriptions/cancel-a-subscription — cancel immediately
curl -X POST https://api.paymentkit.com/api/{account_id}/subscriptions/{subscription_id}/cancel \
-H "Authorization: Bearer sk_live_..." \
-H "Content-Type: application/json" \
-d '{
"refund_option": "prorated"
}'

# source: https://docs.paymentkit.com/guides/billing/subscriptions/cancel-a-subscription — cancel at period end
curl -X PATCH https://api.paymentkit.com/api/{account_id}/subscriptions/{subscription_id} \
-H "Authorization: Bearer sk_live_..." \
-H "Content-Type: application/json" \
-d '{
"cancel_at_period_end": true
}'

# source: https://docs.paymentkit.com/guides/billing/subscriptions/cancel-a-subscription — schedule cancellation
curl -X POST https://api.paymentkit.com/api/{account_id}/subscriptions/{subscription_id}/schedule-cancellation \
-H "Authorization: Bearer sk_live_..." \
-H "Content-Type: application/json" \
-d '{
"cancel_at": "2026-06-01T00:00:00Z",
"refund_option": "none"
}'

# source: https://docs.paymentkit.com/guides/billing/subscriptions/pause-a-subscription — pause immediately
curl -X POST https://api.paymentkit.com/api/{account_id}/subscriptions/{subscription_id}/pause \
-H "Authorization: Bearer sk_live_..." \
-H "Content-Type: application/json" \
-d '{
"pause_behavior": "pause_immediately"
}'

# source: https://docs.paymentkit.com/guides/billing/subscriptions/pause-a-subscription — pause at end
curl -X POST https://api.paymentkit.com/api/{account_id}/subscriptions/{subscription_id}/pause \
-H "Authorization: Bearer sk_live_..." \
-H "Content-Type: application/json" \
-d '{
"pause_behavior": "pause_at_end"
}'

# source: https://docs.paymentkit.com/guides/billing/subscriptions/pause-a-subscription — cancel scheduled pause
curl -X DELETE https://api.paymentkit.com/api/{account_id}/subscriptions/{subscription_id}/scheduled-pause \
-H "Authorization: Bearer sk_live_..."

# source: https://docs.paymentkit.com/guides/billing/subscriptions/subscription-change-requests
curl -X POST https://api.paymentkit.com/api/{account_id}/change-requests \
-H "Authorization: Bearer sk_live_..." \
-H "Content-Type: application/json" \
-d '{
 "subscription_id": "sub_abc123",
 "reason": "Upgrade to annual plan",
 "expires_in_hours": 24
}'

# source: https://docs.paymentkit.com/guides/billing/invoices/create-an-invoice
curl -X POST https://api.paymentkit.com/api/{account_id}/invoices \
-H "Authorization: Bearer sk_live_..." \
-H "Content-Type: application/json" \
-d '{
"customer_id": "cus_abc123",
"currency": "USD",
"issued_at": "2026-02-01T00:00:00Z",
"description": "Setup fee - Enterprise onboarding",
"items": [
{
"description": "Enterprise onboarding",
"quantity": 1,
"amount": 500.00
},
{
"description": "Custom integration development",
"quantity": 4,
"unit_amount": 150.00
}
]
}'

# source: https://docs.paymentkit.com/guides/billing/invoices/customize-an-invoice — collection method
curl -X POST https://api.paymentkit.com/api/{account_id}/invoices \
  -H "Authorization: Bearer sk_live_..." \
  -H "Content-Type: application/json" \
  -d '{
    "customer_id": "cus_abc123",
    "currency": "USD",
    "issued_at": "2026-02-01T00:00:00Z",
    "collection_method": "send_invoice",
    "items": [
      {"description": "Consulting - January", "quantity": 1, "amount": 2000.00}
    ]
  }'

# source: https://docs.paymentkit.com/guides/billing/invoices/customize-an-invoice — due date
curl -X POST https://api.paymentkit.com/api/{account_id}/invoices \
  -H "Authorization: Bearer sk_live_..." \
  -H "Content-Type: application/json" \
  -d '{
    "customer_id": "cus_abc123",
    "currency": "USD",
    "issued_at": "2026-02-01T00:00:00Z",
    "due_date": "2026-03-01T00:00:00Z",
    "collection_method": "send_invoice",
    "items": [
      {"description": "Consulting - January", "quantity": 1, "amount": 2000.00}
    ]
  }'

# source: https://docs.paymentkit.com/guides/hosted-pages/checkout-sessions
curl -X POST https://api.paymentkit.com/api/{account_id}/checkout-sessions \
-H "Authorization: Bearer sk_live_..." \
-H "Content-Type: application/json" \
-d '{
 "customer_id": "cus_abc123",
 "line_items": [
 {
 "price_id": "price_xyz",
 "quantity": 1
 }
 ],
 "success_url": "https://yoursite.com/success",
 "return_url": "https://yoursite.com/cancel"
}'

# source: https://docs.paymentkit.com/guides/integration/webhooks
curl -X POST https://api.paymentkit.com/api/{account_id}/webhook-endpoints \
  -H "Authorization: Bearer st_prod_..." \
  -H "Content-Type: application/json" \
  -d '{
    "url": "https://your-server.com/webhooks",
    "events": ["invoice.paid", "customer.subscription.created"]
  }'
