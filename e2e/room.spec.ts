import type { Browser, Locator, Page } from "@playwright/test";
import { apiProcesses, blockLiveUpdates, expect, nameField, processesTable, test } from "./support/fixtures";
import { DEMO_PROCESSES } from "@/lib/processes/demo-processes";
import { seriousViolations } from "./support/axe";

// Issue 22, item 2 ("room for the table"), measured by geometry in both languages: rows on screen per density
// at 1280 × 800, a name column wider than every demo name, at most 120 px of bars above the table, a tablet's
// row actions inside the list, no keyboard legend on touch, and on a phone the first card on the first screen
// with Save all always on screen. docs/decisions/044.

type Box = { x: number; y: number; width: number; height: number };
async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`no box for ${locator.toString()}`);
  return found;
}

/** Rows wholly inside both the list's scroller and the window. */
const rowsOnScreen = (page: Page) =>
  page.getByTestId("process-table-scroller").evaluate((scroller) => {
    const list = scroller.getBoundingClientRect();
    const bottom = Math.min(list.bottom, window.innerHeight);
    return [...scroller.querySelectorAll('[role="row"][data-id]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= list.top && b.bottom <= bottom + 0.5;
    }).length;
  });

/** The list scrolls sideways (its content is wider than it). */
const listScrollsSideways = (page: Page) =>
  page.getByTestId("process-table-scroller").evaluate((s) => s.scrollWidth > s.clientWidth);

/** Names whose text is wider than the room inside their field (cut off), with both widths. */
async function namesCut(page: Page, processes: { id: number; name: string }[], locale: "en" | "ru") {
  const cut: string[] = [];
  for (const p of processes) {
    const field = nameField(page, p.id, locale);
    await expect(field).toHaveValue(p.name);
    // The name's own width in the field's font against the room inside the field.
    const fit = await field.evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const context = document.createElement("canvas").getContext("2d")!;
      context.font = style.font;
      const text = context.measureText(input.value).width;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { text, room, overflows: input.scrollWidth > input.clientWidth };
    });
    if (fit.overflows || fit.text > fit.room) cut.push(`${p.name}: ${Math.ceil(fit.text)} > ${Math.floor(fit.room)}`);
  }
  return cut;
}

const touchContext = (browser: Browser, baseURL: string, locale: string, width: number, height: number) =>
  browser.newContext({ baseURL, locale, viewport: { width, height }, hasTouch: true, isMobile: true });

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`room for the table (${uiLocale})`, () => {
    test.use({ uiLocale });

    test("1280 × 800: 15 rows and more by default, each density shows its share, bars above ≤ 120 px, axe", async ({
      page,
      app,
      signIn,
      text,
    }) => {
      test.slow(); // two full axe scans
      await app.seed(60);
      await signIn(page);
      const density = page.getByLabel(text.toolbar.density);
      await expect(density).toHaveValue("standard");
      await expect.poll(() => rowsOnScreen(page)).toBeGreaterThanOrEqual(15);

      // Everything between the title line and the table: toolbar, banners, legend.
      const title = await box(page.getByRole("heading", { level: 1, name: text.processes.title }));
      const table = await box(processesTable(page, text.table.label));
      expect(table.y - (title.y + title.height)).toBeLessThanOrEqual(120);
      // The keyboard legend is there with a mouse, under the table.
      const legend = page.locator("kbd").first();
      await expect(legend).toBeVisible();
      expect((await box(legend)).y).toBeGreaterThan(table.y);

      const counts: Record<string, number> = {};
      for (const d of ["comfortable", "standard", "compact"] as const) {
        await density.selectOption(d);
        await expect(page.getByTestId("process-table-scroller")).toHaveAttribute("data-density", d);
        // The virtualizer measures the rows after they render: counted once the count stops changing.
        let last = -1;
        await expect
          .poll(async () => {
            const now = await rowsOnScreen(page);
            const settled = now === last;
            last = now;
            return settled;
          })
          .toBe(true);
        counts[d] = last;
      }
      expect(counts.standard).toBeGreaterThanOrEqual(15);
      expect(counts.compact).toBeGreaterThan(counts.standard!);
      expect(counts.standard).toBeGreaterThan(counts.comfortable!);
      expect(counts.comfortable).toBeGreaterThanOrEqual(6);

      // An edited row and one that needs fixing, in compact (the last chosen) and in the default density:
      // nothing serious or critical for axe.
      const [a, b] = await apiProcesses(page.request);
      await nameField(page, a!.id, uiLocale).fill(uiLocale === "ru" ? "Новое название" : "Edited name");
      await nameField(page, b!.id, uiLocale).fill("");
      await expect(page.getByText(text.rowState.needsFixing, { exact: true })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await density.selectOption("standard");
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("1280 × 800: with a banner, the banner and the toolbar take at most 120 px above the table", async ({
      page,
      app,
      signIn,
      text,
    }) => {
      await app.seed(30);
      // Heard live, the deletion would mark the row gone before the save, which then meets no refusal.
      await blockLiveUpdates(page);
      await signIn(page);
      const [a, b] = await apiProcesses(page.request);
      await nameField(page, a!.id, uiLocale).fill("Kept");
      await nameField(page, b!.id, uiLocale).fill("Deleted meanwhile");
      await app.deleteProcess(b!.id);
      await page.getByRole("button", { name: text.toolbar.saveAll, exact: true }).click();
      const nothingSaved = /<strong>(.*?)<\/strong>/.exec(text.banners.refused)![1]!;
      const banner = page.getByRole("alert").filter({ hasText: nothingSaved });
      await expect(banner).toBeVisible();
      const bannerBox = await box(banner);
      const table = await box(processesTable(page, text.table.label));
      expect(table.y - bannerBox.y).toBeLessThanOrEqual(120);
      expect(await rowsOnScreen(page)).toBeGreaterThanOrEqual(14);
    });

    test("1280 × 800: every demo name fits its field, in every density", async ({ page, app, signIn, text }) => {
      await app.seed(DEMO_PROCESSES.length, { demo: true });
      await signIn(page);
      const processes = await apiProcesses(page.request);
      expect(processes.map((p) => p.name).sort()).toEqual(DEMO_PROCESSES.map((p) => p.name).sort());
      for (const d of ["standard", "compact", "comfortable"] as const) {
        await page.getByLabel(text.toolbar.density).selectOption(d);
        expect(await namesCut(page, processes, uiLocale), d).toEqual([]);
      }
    });

    for (const [width, height] of [
      [1180, 820],
      [1024, 768],
    ] as const) {
      test(`tablet ${width} × ${height}, touch: each row's Save and Discard inside the list, no legend, demo names whole`, async ({
        browser,
        app,
        signIn,
        text,
        locale,
      }) => {
        await app.seed(20, { demo: true });
        const context = await touchContext(browser, app.baseUrl, locale!, width, height);
        const page = await context.newPage();
        await signIn(page);
        const demo = (await apiProcesses(page.request)).slice(0, DEMO_PROCESSES.length);
        expect(await namesCut(page, demo, uiLocale)).toEqual([]);
        expect(await page.evaluate(() => matchMedia("(hover: none) and (pointer: coarse)").matches)).toBe(true);
        await expect(page.locator("kbd")).toHaveCount(await page.locator("kbd").count());
        for (const kbd of await page.locator("kbd").all()) await expect(kbd).toBeHidden();

        expect(await listScrollsSideways(page)).toBe(false);
        const list = await box(page.getByTestId("process-table-scroller"));
        const [first] = await apiProcesses(page.request);
        await nameField(page, first!.id, uiLocale).fill(uiLocale === "ru" ? "Правка с планшета" : "Tablet edit");
        for (const p of (await apiProcesses(page.request)).slice(0, 8)) {
          for (const label of [text.table.saveOf, text.table.discardOf]) {
            const button = page.getByRole("button", { name: label.replace("{id}", String(p.id)), exact: true });
            const b = await box(button);
            expect(b.x).toBeGreaterThanOrEqual(list.x);
            expect(b.x + b.width).toBeLessThanOrEqual(Math.min(list.x + list.width, width));
          }
        }
        await expect(
          page.getByRole("button", { name: text.table.saveOf.replace("{id}", String(first!.id)), exact: true }),
        ).toBeEnabled();
        expect(await seriousViolations(page)).toEqual([]);
        await context.close();
      });
    }

    test("phone 390 × 844, touch: the first card on the first screen, Save all on screen while scrolling", async ({
      browser,
      app,
      signIn,
      text,
      locale,
    }) => {
      await app.seed(12);
      const context = await touchContext(browser, app.baseUrl, locale!, 390, 844);
      const page = await context.newPage();
      await signIn(page);
      const processes = await apiProcesses(page.request);
      const first = processes[0]!;
      const last = processes.at(-1)!;
      const firstName = nameField(page, first.id, uiLocale);
      await expect(firstName).toBeInViewport({ ratio: 1 });
      expect((await box(firstName)).y + (await box(firstName)).height).toBeLessThanOrEqual(844);
      for (const kbd of await page.locator("kbd").all()) await expect(kbd).toBeHidden();

      const saveAll = page.getByRole("button", { name: text.toolbar.saveAll, exact: true });
      await expect(saveAll).toBeInViewport({ ratio: 1 });
      await firstName.fill(uiLocale === "ru" ? "Правка с телефона" : "Phone edit");
      // Down the page and down the list, to the last card: Save all is still there, and covers no field.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.getByTestId("process-table-scroller").evaluate((s) => s.scrollTo(0, s.scrollHeight));
      await expect(saveAll).toBeInViewport({ ratio: 1 });
      const lastName = nameField(page, last.id, uiLocale);
      await lastName.scrollIntoViewIfNeeded();
      const bar = await box(saveAll);
      const field = await box(lastName);
      expect(field.y + field.height).toBeLessThanOrEqual(bar.y);
      await saveAll.click();
      await expect
        .poll(async () => (await apiProcesses(page.request))[0]!.name)
        .toBe(uiLocale === "ru" ? "Правка с телефона" : "Phone edit");

      // The other controls fold behind one button, and unfold.
      await page.evaluate(() => window.scrollTo(0, 0));
      const more = page.getByRole("button", { name: text.toolbar.more, exact: true });
      await expect(page.getByLabel(text.toolbar.density)).toBeHidden();
      await more.click();
      await expect(more).toHaveAttribute("aria-expanded", "true");
      await expect(page.getByLabel(text.toolbar.density)).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth > innerWidth)).toBe(false);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  });
}
