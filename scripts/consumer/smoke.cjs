// The same packages through require(), as a CommonJS consumer loads them.
const { createPaymntCloudClient, ConfigurationError } = require("@payspec/paymnt-cloud");
const { createPaymentKitClient } = require("@payspec/paymentkit");
const { createVaiiPayClient } = require("@payspec/vaiipay");
const { createPaymendClient } = require("@payspec/paymend");
const core = require("@payspec/core");
const mocks = require("./mocks.json");

(async () => {
  const paymnt = createPaymntCloudClient({ apiKey: "sk_sandbox_smoke", baseUrl: mocks["paymnt-cloud"] });
  const { response } = await paymnt.GET("/customers/list");
  if (response.status !== 200) throw new Error("CJS Paymnt Cloud call failed");
  for (const create of [
    () => createPaymentKitClient({ token: "pt_prod_publishable", environment: "production" }),
    () => createVaiiPayClient({ token: "t" }),
    () => createPaymendClient({ token: "", environment: "sandbox" }),
  ]) {
    try {
      create();
      throw new Error("expected a ConfigurationError");
    } catch (error) {
      if (!(error instanceof ConfigurationError) || !(error instanceof core.PayspecError)) throw error;
    }
  }
  console.log("cjs ok");
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
