import base from "./playwright.config";
import { defineConfig } from "@playwright/test";

// `npm run screenshots`: the README's pictures of the processes table (docs/screenshots/), written by
// e2e/screenshots.shots.ts. Kept out of the e2e suite (its files end in .spec.ts) so a test run never rewrites
// committed images.
export default defineConfig({ ...base, testMatch: /\.shots\.ts$/, workers: 1 });
