import { afterAll, beforeAll, describe } from "vitest";
import { bodyCases } from "@/test/security/bodies";
import { clientAddressCases } from "@/test/security/client-address";
import { frozenPostgresCases, sqliteDiskFullCases } from "@/test/security/database-deadlines";
import { headerCases, methodCases } from "@/test/security/methods-and-headers";
import { originCases } from "@/test/security/origins";
import { redirectCases } from "@/test/security/redirects";
import { lockoutCases } from "@/test/security/lockout";
import { sessionCases } from "@/test/security/sessions";
import { textCases } from "@/test/security/text";
import { startSecurityApp, type SecurityApp } from "@/test/security/security-app";
import { PROVIDERS } from "@/test/support/test-database";

// The security suite of issue 8, over real HTTP against the production build, on SQLite
// and PostgreSQL. The cases live in test/security/ by topic and share one database and three servers per
// provider (test/security/security-app.ts); failing fast at start is lib/security/failing-fast.contract.test.ts.

for (const { provider, options } of PROVIDERS) {
  describe(`${provider}: security at the network edge`, options, () => {
    const app = {} as SecurityApp;
    let stop: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      const started = await startSecurityApp(provider);
      Object.assign(app, started.app);
      stop = started.stop;
    });

    afterAll(async () => {
      await stop?.();
    });

    describe("the client address", () => clientAddressCases(app));
    describe("redirects", () => redirectCases(app));
    describe("origins of cookie writes", () => originCases(app));
    describe("methods", () => methodCases(app));
    describe("headers", () => headerCases(app));
    describe("expensive bodies", () => bodyCases(app));
    describe("sessions that end", () => sessionCases(app));
    describe("password guessing", () => lockoutCases(app));
    describe("text", () => textCases(app));
    if (provider === "postgresql") describe("a frozen database", () => frozenPostgresCases());
    else describe("a full disk", () => sqliteDiskFullCases());
  });
}
