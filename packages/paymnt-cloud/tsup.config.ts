import { defineProviderTsup } from "../../config/tsup.provider.js";

export default defineProviderTsup();
