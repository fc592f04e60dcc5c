// jest.global-teardown.ts
import type { ProviderMock } from "@payspec/mock";

export default async function globalTeardown(): Promise<void> {
  const { payspecMocks = [] } = globalThis as { payspecMocks?: ProviderMock[] };
  await Promise.all(payspecMocks.map((mock) => mock.close()));
}
