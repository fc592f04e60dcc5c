// jest.global-setup.ts
import { type ProviderMock, startProviderMock } from "@payspec/mock";

// The providers your tests call.
const providers = ["paymnt-cloud", "paymentkit", "vaiipay", "paymend"];

export default async function globalSetup(): Promise<void> {
  const mocks: ProviderMock[] = [];
  // globalTeardown runs in this process: it finds the mocks here and closes them.
  (globalThis as { payspecMocks?: ProviderMock[] }).payspecMocks = mocks;
  for (const provider of providers) {
    const mock = await startProviderMock({ spec: provider });
    mocks.push(mock);
    // Test workers start after this and inherit process.env: PAYSPEC_MOCK_PAYMNT_CLOUD_URL, …
    process.env[`PAYSPEC_MOCK_${provider.toUpperCase().replaceAll("-", "_")}_URL`] = mock.url;
  }
}
