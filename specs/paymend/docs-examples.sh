# Request examples from Paymend's docs pages (docs.paymend.com). The pages give the create body as
# bare JSON and the other calls in prose ("submit a POST request to /v1/payments/{paymentId}/capture
# … no body should be sent"); they are written here as curl with the documented header
# `Authorization: Bearer <your_api_token>` and the sandbox host. The create example's billing address
# is cut off in the available copy after "street"; it is completed with the Address object's fields.
# URL placeholders such as {paymentId} are filled with the spec's example id when replayed.

# source: https://docs.paymend.com/create-payments — authorize and capture in one step
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

# source: https://docs.paymend.com/manage-payments — capture (no body)
curl -X POST https://test-api.paymend.com/v1/payments/{paymentId}/capture \
  -H "Authorization: Bearer <your_api_token>"

# source: https://docs.paymend.com/manage-payments — partial refund
curl -X POST https://test-api.paymend.com/v1/payments/{paymentId}/refund \
  -H "Authorization: Bearer <your_api_token>" \
  -H "Content-Type: application/json" \
  -d '{ "refundAmount": 5000 }'

# source: https://docs.paymend.com/manage-payments — full refund (no body)
curl -X POST https://test-api.paymend.com/v1/payments/{paymentId}/refund \
  -H "Authorization: Bearer <your_api_token>"

# source: https://docs.paymend.com/manage-payments — void
curl -X POST https://test-api.paymend.com/v1/payments/{paymentId}/void \
  -H "Authorization: Bearer <your_api_token>"

# source: https://docs.paymend.com/manage-payments — query
curl -X GET https://test-api.paymend.com/v1/payments/{paymentId} \
  -H "Authorization: Bearer <your_api_token>"

# source: https://docs.paymend.com/api-reference/objects/previous-failure — recovery with a previous failure
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
