import { defineProviderVitest } from "../../config/vitest.provider.js";

export default defineProviderVitest();
