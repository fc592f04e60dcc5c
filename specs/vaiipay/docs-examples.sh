# Request examples from VaiiPay's docs pages (dev.vaiipay.com). The contract tests replay each one
# against the mock of ../openapi.yaml: method, headers and body as written; URL placeholders such
# as {paymentId} are filled with the spec's example values. Most pages show requests as HTTP blocks
# (request line, headers, JSON body) rather than curl; those are transcribed here as curl with the
# same method, path, headers and body. The hosts and tokens are the docs' placeholders.

# source: https://dev.vaiipay.com/docs/api/authentication — Creating a Payment (Client Token)
curl -X POST https://api.yourdomain.com/api/payment/checkout \
  -H "Authorization: Bearer YOUR_CLIENT_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{
    "amount": 10000,
    "currencyCode": "USD",
    "reference": "ORDER-123",
    "referenceLabel": "Order #123",
    "clientId": "your_client_id"
  }'

# source: https://dev.vaiipay.com/docs/api/authentication — Managing Applications (OAuth2)
curl -X GET https://api.yourdomain.com/api/payment-applications \
  -H "Authorization: Bearer YOUR_OAUTH_TOKEN"

# source: https://dev.vaiipay.com/docs/api/endpoints/payments — Create payment
curl -X POST https://api.yourdomain.com/api/payment/checkout \
  -H "Authorization: Bearer YOUR_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{
  "amount": 10000,
  "currencyCode": "USD",
  "reference": "ORDER-123",
  "referenceLabel": "Order #123",
  "clientId": "your_client_id_here",
  "redirectUrl": "https://yoursite.com/success",
  "expiresAt": "2026-03-15T12:00:00Z"
}'

# source: https://dev.vaiipay.com/docs/payments/create — Create a payment (guide)
curl -X POST https://api.yourdomain.com/api/payment/checkout \
  -H "Authorization: Bearer YOUR_CLIENT_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{
  "amount": 10000,
  "currencyCode": "USD",
  "reference": "ORDER-123",
  "referenceLabel": "Order #123",
  "clientId": "your_client_id",
  "redirectUrl": "https://yoursite.com/payment/success",
  "expiresAt": "2026-03-15T12:00:00Z"
}'

# source: https://dev.vaiipay.com/docs/api/endpoints/payments — Get payment (also /docs/payments/status)
curl -X GET https://api.yourdomain.com/api/payment/{paymentId} \
  -H "Authorization: Bearer YOUR_TOKEN"

# source: https://dev.vaiipay.com/docs/payments/instructions — authenticated instructions
curl -X GET https://api.yourdomain.com/api/payment/{paymentId}/provider/{provider}/method/{method} \
  -H "Authorization: Bearer YOUR_TOKEN"

# source: https://dev.vaiipay.com/docs/payments/instructions — public instructions
curl -X GET https://api.yourdomain.com/api/checkout/payment/{paymentId}/provider/{provider}/method/{method}

# source: https://dev.vaiipay.com/docs/payments/instructions — public payment methods
curl -X GET https://api.yourdomain.com/api/checkout/{paymentId}/payment-methods

# source: https://dev.vaiipay.com/docs/api/endpoints/applications — List applications
curl -X GET https://api.yourdomain.com/api/payment-applications \
  -H "Authorization: Bearer YOUR_OAUTH_TOKEN"

# source: https://dev.vaiipay.com/docs/api/endpoints/applications — Get application
curl -X GET https://api.yourdomain.com/api/payment-applications/{id} \
  -H "Authorization: Bearer YOUR_OAUTH_TOKEN"

# source: https://dev.vaiipay.com/docs/api/endpoints/applications — Create application
curl -X POST https://api.yourdomain.com/api/payment-applications \
  -H "Authorization: Bearer YOUR_OAUTH_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{
  "name": "My New Store",
  "secret": "your_webhook_secret",
  "url": "https://mynewstore.com",
  "callbackUrl": "https://mynewstore.com/webhooks/payments",
  "currencyWhitelist": ["BTC", "ETH", "USDT"],
  "allowUnderpay": false,
  "allowOverpay": true
}'

# source: https://dev.vaiipay.com/docs/create-application — Via API
curl -X POST https://api.yourdomain.com/api/payment-applications \
  -H "Authorization: Bearer YOUR_OAUTH_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{
  "name": "My E-commerce Store",
  "secret": "your_webhook_secret",
  "url": "https://mystore.com",
  "callbackUrl": "https://mystore.com/webhooks/payments",
  "currencyWhitelist": ["BTC", "ETH", "USDT"],
  "allowUnderpay": false,
  "allowOverpay": true
}'
