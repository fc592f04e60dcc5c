# Requests reconstructed from Paymend's docs pages (docs.paymend.com), replayed by the contract tests
# against the mock of ../openapi.yaml exactly as written (method, path, headers, body).
#
# NOTHING IN THIS FILE IS VERBATIM. Paymend's pages print no curl command: the create-payments guide
# prints a create body as bare JSON (and our copy of it ends inside billing.address), the
# manage-payments guide describes capture, refund, void and query in prose only, and the previous-
# failure data is printed as a lone object (object page) or as the value of one field (create-payment
# reference) whose JSON key no page we read prints. Each request below says, on its `# source:` line,
# that it is reconstructed, and what in it is payspec's. The examples the pages do print verbatim are
# kept, unchanged, in doc-examples/*.json and checked against the spec by doc-examples.test.ts.
#
# What every request shares: the header `Authorization: Bearer <your_api_token>` is printed on the
# overview and testing pages; the hosts are the overview's sandbox (test-api) and the testing page's
# (sandbox-api). URL placeholders such as {paymentId} are filled with the spec's example id when replayed.

# source: https://docs.paymend.com/create-payments — reconstructed (not verbatim): the guide's create body (authorize and capture in one step) as printed up to billing.address.street, where our copy ends; the address values and the curl wrapper are payspec's
curl -X POST https://test-api.paymend.com/v1/payments \
  -H "Authorization: Bearer <your_api_token>" \
  -H "Content-Type: application/json" \
  -d '{
  "amount": 12997,
  "currency": "USD",
  "merchantReference": "PAYMENT-12345",
  "goodsType": "MIXED",
  "captureNow": true,
  "source": {
    "storeId": "store_abc123",
    "initiatedBy": "CONSUMER"
  },
  "paymentMethod": {
    "type": "CARD",
    "card": {
      "number": "4111111111111111",
      "holderName": "John Doe",
      "cvv": "123",
      "expiryMonth": "12",
      "expiryYear": "2030",
      "brand": "VISA"
    }
  },
  "consumer": {
    "firstName": "John",
    "lastName": "Doe",
    "email": "john.doe@example.com"
  },
  "billing": {
    "address": {
      "street": "123 Main St",
      "city": "New York",
      "state": "NY",
      "zip": "10001",
      "country": "US"
    }
  }
}'

# source: https://docs.paymend.com/manage-payments — reconstructed (not verbatim) from the prose "Captures": POST with no body
curl -X POST https://test-api.paymend.com/v1/payments/{paymentId}/capture \
  -H "Authorization: Bearer <your_api_token>"

# source: https://docs.paymend.com/manage-payments — reconstructed (not verbatim) from the prose "Refunds": a partial refund passes refundAmount in the body; the amount 5000 is payspec's
curl -X POST https://test-api.paymend.com/v1/payments/{paymentId}/refund \
  -H "Authorization: Bearer <your_api_token>" \
  -H "Content-Type: application/json" \
  -d '{ "refundAmount": 5000 }'

# source: https://docs.paymend.com/manage-payments — reconstructed (not verbatim) from the prose "Refunds": without refundAmount the refund is full, so no body
curl -X POST https://test-api.paymend.com/v1/payments/{paymentId}/refund \
  -H "Authorization: Bearer <your_api_token>"

# source: https://docs.paymend.com/manage-payments — reconstructed (not verbatim) from the prose "Voids": POST, no body documented
curl -X POST https://test-api.paymend.com/v1/payments/{paymentId}/void \
  -H "Authorization: Bearer <your_api_token>"

# source: https://docs.paymend.com/manage-payments — reconstructed (not verbatim) from the prose "Query": GET
curl -X GET https://test-api.paymend.com/v1/payments/{paymentId} \
  -H "Authorization: Bearer <your_api_token>"

# source: https://docs.paymend.com/api-reference/objects/previous-failure — reconstructed (not verbatim): the object page's example (its current form) as the only previous failure, in a create body and under the key previousFailures that are both payspec's
curl -X POST https://sandbox-api.paymend.com/v1/payments \
  -H "Authorization: Bearer <your_api_token>" \
  -H "Content-Type: application/json" \
  -d '{
  "amount": 4999,
  "currency": "EUR",
  "merchantReference": "SUB-2026-11-0042",
  "goodsType": "DIGITAL",
  "source": { "storeId": "store_abc123", "initiatedBy": "MERCHANT" },
  "paymentMethod": {
    "type": "card",
    "card": { "number": "4444444444440000", "holderName": "Jane Roe", "expiryMonth": "03", "expiryYear": "2029", "brand": "VISA" }
  },
  "previousFailures": [
    { "provider": "AcquirerX", "attemptNumber": 1, "providerFailureCode": "05", "createdAt": "2025-11-05T14:22:10Z" }
  ]
}'

# source: https://docs.paymend.com/api-reference/endpoint/payment — reconstructed (not verbatim): the previous-failures list the create-payment reference prints (the earlier form), in a create body and under the key previousFailures that are both payspec's
curl -X POST https://sandbox-api.paymend.com/v1/payments \
  -H "Authorization: Bearer <your_api_token>" \
  -H "Content-Type: application/json" \
  -d '{
  "amount": 4999,
  "currency": "EUR",
  "merchantReference": "SUB-2026-11-0043",
  "goodsType": "DIGITAL",
  "source": { "storeId": "store_abc123", "initiatedBy": "MERCHANT" },
  "paymentMethod": {
    "type": "card",
    "card": { "number": "4444444444440000", "holderName": "Jane Roe", "expiryMonth": "03", "expiryYear": "2029", "brand": "VISA" }
  },
  "previousFailures": [
    {
      "gateway": "AcquirerX",
      "attemptNumber": 1,
      "responseCode": "05",
      "reason": "Do not honour",
      "timestamp": "2025-11-05T14:22:10Z"
    },
    {
      "gateway": "ProcessorY",
      "attemptNumber": 2,
      "responseCode": "14",
      "reason": "Invalid card number",
      "timestamp": "2025-11-05T14:24:32Z"
    }
  ]
}'
