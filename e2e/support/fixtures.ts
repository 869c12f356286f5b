import { test as base, expect, type APIRequestContext, type Cookie, type Page } from "@playwright/test";
import { createTestDatabase } from "@/test/support/test-database";
import { TEST_ADMIN } from "@/test/support/accounts";
import { startServer, type TestServer } from "@/test/support/test-server";
import type { Process } from "@/lib/validations/process";
import en from "@/messages/en.json" with { type: "json" };
import ru from "@/messages/ru.json" with { type: "json" };
import { startDataHelper, type DataClient } from "@/test/support/data-client";
import { withSteadyCaret } from "./steady-caret";

export type Account = { email: string; password: string };

export const OPERATOR: Account = { email: "operator@example.com", password: "operator password 1" };
export const VIEWER: Account = { email: "viewer@example.com", password: "viewer password 12" };

export type App = {
  baseUrl: string;
  databaseUrl: string;
  server: TestServer;
  /**
   * Replaces every process with `count` numbered ones ("Process 1" …), through the data layer; with `demo`, the
   * seed's demo processes come first (DEMO_PROCESSES) and numbered ones fill up to `count`.
   */
  seed: (count: number, options?: { demo?: boolean }) => Promise<void>;
  /** Deletes one process through the data layer, as someone else would meanwhile. */
  deleteProcess: (id: number) => Promise<void>;
  /** Creates people through the data layer, as `npm run cli -- users:create` does. */
  createUsers: DataClient["createUsers"];
};

type WorkerFixtures = { serverEnv: Record<string, string>; app: App; sessions: Map<string, Cookie[]> };
type Catalog = typeof en;
type TestFixtures = {
  /**
   * The language the browser asks for (Accept-Language, through Playwright's `locale`); specs locate by the
   * words of this catalog. English unless a spec says `test.use({ uiLocale: "ru" })`.
   */
  uiLocale: "en" | "ru";
  text: Catalog;
  signIn: (page: Page, account?: Account) => Promise<void>;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  serverEnv: [{}, { scope: "worker", option: true }],

  browser: [async ({ browser }, use) => use(withSteadyCaret(browser)), { scope: "worker" }],

  // One production server and fresh SQLite database per worker; tests seed what they need.
  app: [
    async ({ serverEnv }, use) => {
      const database = await createTestDatabase("sqlite");
      // People first, through the data layer, while nothing else holds the database (the helper migrates it
      // on its way). The Super user comes first, as the server would create it: the server creates it only in
      // a database without users.
      const data = startDataHelper(database.url);
      await data.createUsers([
        { ...TEST_ADMIN, role: "Super user" },
        { ...OPERATOR, role: "Advanced user" },
        { ...VIEWER, role: "User" },
      ]);
      const server = await startServer({
        env: {
          DATABASE_URL: database.url,
          SEED_DEMO_DATA: "false",
          LOG_LEVEL: "warn",
          // Every test signs in; the sign-in limit would otherwise refuse the suite itself.
          RATE_LIMIT_SIGNIN_POINTS: "10000",
          RATE_LIMIT_SIGNIN_ADDRESS_POINTS: "10000",
          ...serverEnv,
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

  baseURL: async ({ app }, use) => use(app.baseUrl),

  uiLocale: ["en", { option: true }],
  locale: async ({ uiLocale }, use) => use(uiLocale === "ru" ? "ru-RU" : "en-US"),
  text: async ({ uiLocale }, use) => use(uiLocale === "ru" ? ru : en),

  // Session cookies per account, reused by later tests of the same worker (signing in is tested on its own).
  sessions: [async ({}, use) => use(new Map()), { scope: "worker" }],

  signIn: async ({ sessions, text }, use) => {
    await use(async (page, account = TEST_ADMIN) => {
      const kept = sessions.get(account.email);
      if (kept) {
        await page.context().addCookies(kept);
        await page.goto("/settings/processes");
        await expect(processesTable(page, text.table.label)).toBeVisible();
        return;
      }
      await page.goto("/settings/processes");
      await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
      await page.getByLabel(text.signIn.email).fill(account.email);
      await page.getByLabel(text.signIn.password).fill(account.password);
      await page.getByRole("button", { name: text.signIn.submit }).click();
      // Long enough for the first render of 10,000 rows on a busy machine.
      await expect(page).toHaveURL(/\/settings\/processes$/, { timeout: 30_000 });
      await expect(processesTable(page, text.table.label)).toBeVisible();
      // The session only: a language chosen in one test must not follow the account into the next.
      sessions.set(
        account.email,
        (await page.context().cookies()).filter((c) => c.name !== "locale"),
      );
    });
  },
});

export { expect };

/** The list as the API answers it, with the page's session. */
export async function apiProcesses(request: APIRequestContext): Promise<Process[]> {
  const response = await request.get("/api/v1/processes");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { processes: Process[] }).processes;
}

/** The processes: a grid when editable, a plain table when read-only. */
export const processesTable = (page: Page, name = "Processes") =>
  page.getByRole("grid", { name }).or(page.getByRole("table", { name }));

const LABELS = {
  en: { name: "Name of process", comment: "Comment of process" },
  ru: { name: "Название процесса", comment: "Комментарий процесса" },
};
export const nameField = (page: Page, id: number, locale: "en" | "ru" = "en") =>
  page.getByRole("textbox", { name: `${LABELS[locale].name} ${id}`, exact: true });
export const commentField = (page: Page, id: number, locale: "en" | "ru" = "en") =>
  page.getByRole("textbox", { name: `${LABELS[locale].comment} ${id}`, exact: true });
export const row = (page: Page, id: number) => page.locator(`[role="row"][data-id="${id}"]`);
export const saveButton = (page: Page, id: number) =>
  page.getByRole("button", { name: `Save process ${id}`, exact: true });

/** Full-page screenshots kept as artifacts (gitignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** A row's state as written in its State cell ("Edited", "Saved", …). */
export const rowState = (page: Page, id: number, text: string) => row(page, id).getByText(text, { exact: true });

/**
 * Keeps the page off the live event stream from its next load on: it then learns of another writer's change
 * only when a save meets it (1005, 1007), which is what the refusal specs are about.
 */
export const blockLiveUpdates = (page: Page) => page.route("**/api/v1/processes/events", (route) => route.abort());
