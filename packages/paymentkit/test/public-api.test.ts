import { publicApiSuite } from "../../../config/provider-tests.js";

publicApiSuite(import.meta.url);
