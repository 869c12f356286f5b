import { createTestDatabase } from "@/test/support/test-database";
import { TEST_ADMIN } from "@/test/support/accounts";
import { startOidcProvider, type OidcAccount, type TestOidcProvider } from "@/test/support/oidc-provider";
import { freePort, startServer } from "@/test/support/test-server";
import { startDataHelper } from "@/test/support/data-client";
import { test as base } from "./fixtures";

// The single sign-on specs' worker: a real OpenID Provider (test/support/oidc-provider.ts) started first, then
// the app configured for it on the port its client was registered with. Kept apart from the other specs'
// servers, which run without single sign-on.

export const OIDC_ACCOUNTS: Record<"operator" | "admin" | "guest", OidcAccount> = {
  operator: {
    sub: "olga",
    email: "olga@plant.example",
    name: "Olga",
    password: "olga-password",
    roles: ["plant-operator"],
  },
  admin: {
    sub: "ada",
    email: "ada@plant.example",
    name: "Ada",
    password: "ada-password",
    roles: ["plant-operator", "plant-admin"],
  },
  guest: { sub: "gus", email: "gus@plant.example", name: "Gus", password: "gus-password", roles: ["visitor"] },
};

export const OIDC_DISPLAY_NAME = "Plant ID";

export const test = base.extend<object, { oidc: TestOidcProvider }>({
  oidc: [
    // The app's port is chosen first: the provider registers the app's callback on it.
    async ({}, use) => {
      const port = await freePort();
      const provider = await startOidcProvider({
        appOrigin: `http://127.0.0.1:${port}`,
        accounts: Object.values(OIDC_ACCOUNTS),
      });
      await use(Object.assign(provider, { appPort: port }));
      await provider.stop();
    },
    { scope: "worker" },
  ],

  app: [
    async ({ oidc }, use) => {
      const database = await createTestDatabase("sqlite");
      const data = startDataHelper(database.url);
      await data.createUsers([{ ...TEST_ADMIN, role: "Super user" }]);
      const server = await startServer({
        port: (oidc as TestOidcProvider & { appPort: number }).appPort,
        env: {
          DATABASE_URL: database.url,
          SEED_DEMO_DATA: "false",
          LOG_LEVEL: "warn",
          ...oidc.appEnv({ OIDC_DISPLAY_NAME }),
        },
      });
      await use({
        baseUrl: server.baseUrl,
        databaseUrl: database.url,
        server,
        seed: data.seed,
        deleteProcess: data.deleteProcess,
        createUsers: data.createUsers,
      });
      await data.close();
      await server.stop();
      await database.drop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
});

export { expect } from "./fixtures";
