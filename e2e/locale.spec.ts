import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { apiProcesses, commentField, expect, nameField, processesTable, screenshot, test } from "./support/fixtures";
import { take } from "@/test/support/take";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

test.describe("in Russian (the browser prefers ru)", () => {
  test.use({ uiLocale: "ru" });

  test("sign-in and the editor speak Russian: lang, plurals, numbers, validation, toasts", async ({
    page,
    app,
    signIn,
  }) => {
    test.slow();
    await app.seed(1_000);
    await page.goto("/signin");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { name: "Вход" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await signIn(page);
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { name: "Процессы" })).toBeVisible();
    // Intl for ru groups thousands with a no-break space; 1 000 takes the "many" plural.
    await expect(page.getByText(/^1\s000 производственных процессов:/)).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Настройки" })).toBeVisible();

    const [a, b] = take(await apiProcesses(page.request), 2);
    await nameField(page, a.id, "ru").fill("");
    await expect(page.getByText("Название: не может быть пустым")).toBeVisible();
    await expect(page.getByText("1 строку нужно исправить")).toBeVisible();
    await expect(page.getByText("Нужно исправить", { exact: true })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "ru-desktop");

    await nameField(page, a.id, "ru").fill("Обезжиривание");
    await commentField(page, b.id, "ru").fill("Ванна 2");
    await expect(page.getByText("2 несохранённые строки")).toBeVisible();
    await page.getByRole("button", { name: "Сохранить всё" }).click();
    await expect(page.getByText("Сохранены 2 процесса.")).toBeVisible();

    await page.getByLabel("Фильтр").fill("Process 999");
    await expect(page.getByText(/^Показано 1 из 1\s000 производственных процессов\.$/)).toBeVisible();

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "ru-phone");
  });
});

test("the language switcher keeps the choice in a cookie and keeps unsaved edits", async ({ page, app, signIn }) => {
  await app.seed(3);
  await signIn(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const [a] = take(await apiProcesses(page.request), 1);
  await nameField(page, a.id).fill("Kept across the switch");
  await screenshot(page, "en-desktop");

  await page.getByLabel("Language").selectOption("ru");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(processesTable(page, "Процессы")).toBeVisible();
  await expect(nameField(page, a.id, "ru")).toHaveValue("Kept across the switch");
  await expect(page.getByText("1 несохранённая строка")).toBeVisible();
  expect((await page.context().cookies()).find((c) => c.name === "locale")?.value).toBe("ru");

  // The cookie wins over the browser's English Accept-Language on the next load.
  await page.getByLabel("Язык").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Discard all" }).click();
  await page.getByLabel("Language").selectOption("ru");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Процессы" })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByLabel("Язык").selectOption("en");
  await expect(page.getByRole("heading", { name: "Processes" })).toBeVisible();
  await screenshot(page, "en-phone");
});
