# Request examples copied verbatim from Paymnt Cloud's docs pages. The contract tests replay each
# one against the mock of ../openapi.yaml exactly as written (method, path, headers, body), so the
# spec can never drift away from what the provider tells its users to send.
# Not meant to be run: the hosts and keys are the docs' placeholders.

# source: https://docs.paymnt.cloud/pages/essentials/authentication — cURL — list customers
curl -X GET "https://api.paymnt.cloud/customers" \
  -H "Accept: application/json" \
  -H "api-key: <YOUR_SECRET_KEY>" \
  -H "x-profile-id: <pro_...>"    # optional

# source: https://docs.paymnt.cloud/pages/essentials/authentication — cURL — create payment (with idempotency)
curl -X POST "https://api.paymnt.cloud/payments" \
  -H "Content-Type: application/json" \
  -H "api-key: <YOUR_SECRET_KEY>" \
  -H "Idempotency-Key: 00000000-0000-4000-8000-000000000001" \
  -d '{
    "amount": 1000,
    "currency": "USD",
    "description": "Order #1001"
  }'

# source: https://docs.paymnt.cloud/pages/quickstart — 2) Create a payment
curl -X POST "https://sandbox.paymnt.cloud/payments" \
  -H "Content-Type: application/json" \
  -H "api-key: <YOUR_SECRET_KEY>" \
  -H "Idempotency-Key: 3b8f2c34-0a7a-4a2f-9a62-5d0f2a33e6f1" \
  -d '{
    "amount": 1000,
    "currency": "USD",
    "description": "Order #1001"
  }'

# source: https://docs.paymnt.cloud/pages/quickstart — 3) Confirm
curl -X POST "https://sandbox.paymnt.cloud/payments/{payment_id}/confirm" \
  -H "api-key: <YOUR_SECRET_KEY>"

# source: https://docs.paymnt.cloud/pages/quickstart — 4) Capture
curl -X POST "https://sandbox.paymnt.cloud/payments/{payment_id}/capture" \
  -H "Content-Type: application/json" \
  -H "api-key: <YOUR_SECRET_KEY>" \
  -H "Idempotency-Key: <uuid-v4>" \
  -d '{ "amount_to_capture": 1000 }'

# source: https://docs.paymnt.cloud/pages/quickstart — 5) Issue a refund
curl -X POST "https://sandbox.paymnt.cloud/refunds" \
  -H "Content-Type: application/json" \
  -H "api-key: <YOUR_SECRET_KEY>" \
  -H "Idempotency-Key: <uuid-v4>" \
  -d '{
    "payment_id": "pay_123",
    "amount": 1000,
    "reason": "requested_by_customer"
  }'

# source: https://docs.paymnt.cloud/pages/essentials/authentication — Node (fetch) and Python (requests)
# examples: both send GET {base}/customers with Accept and api-key (and x-profile-id when set).
curl -X GET "https://sandbox.paymnt.cloud/customers" \
  -H "Accept: application/json" \
  -H "api-key: <YOUR_SECRET_KEY>"
