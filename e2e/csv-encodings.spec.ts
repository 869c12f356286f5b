// Issue 22, item 1: the CSV files Russian Excel writes, byte for byte: "CSV (разделители — запятые)" is
// Windows-1251 with semicolons, CRLF and no BOM; "CSV UTF-8" has a BOM. Import detects the encoding, lets the
// operator pick another, refuses what would write "�"; export offers the Windows-1251 file; size limit; worker.
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { take } from "@/test/support/take";
import { apiProcesses, expect, nameField, row, test } from "./support/fixtures";

const ascii = (text: string) => Buffer.from(text, "latin1");
// Windows-1251 bytes written out by hand (not by the app's encoder): "Обезжиривание", "Ванна №2", "Травление".
const DEGREASING_1251 = Buffer.from("cee1e5e7e6e8f0e8e2e0ede8e5", "hex");
const TANK_1251 = Buffer.from("c2e0edede020b932", "hex");
const ETCHING_1251 = Buffer.from("d2f0e0e2ebe5ede8e5", "hex");

async function importFile(page: Page, label: string, name: string, buffer: Buffer) {
  await page.getByLabel(label).setInputFiles({ name, mimeType: "text/csv", buffer });
}

for (const uiLocale of ["en", "ru"] as const) {
  test.describe(`${uiLocale}: CSV encodings`, () => {
    test.use({ uiLocale });

    test("Russian Excel's Windows-1251 file reads as Cyrillic; read as UTF-8 it is refused; applied it is right", async ({
      page,
      app,
      signIn,
      text,
    }) => {
      await app.seed(3);
      await signIn(page);
      const [first, second] = take(await apiProcesses(page.request), 2);
      const file = Buffer.concat([
        ascii(`id;name;comment\r\n${first.id};`),
        DEGREASING_1251,
        ascii(";"),
        TANK_1251,
        ascii(`\r\n${second.id};${second.name};${second.comment}\r\n`),
      ]);
      await importFile(page, text.csv.fileLabel, "excel.csv", file);
      const dialog = page.getByRole("dialog", { name: text.csv.title.replace("{file}", "excel.csv") });
      const encoding = dialog.getByLabel(text.csvFile.encoding);
      await expect(encoding).toHaveValue("windows-1251");
      const label1251 = text.csvFile.encodings["windows-1251"];
      await expect(dialog.getByText(text.csvFile.readAsDetected.replace("{encoding}", label1251))).toBeVisible();
      const diff = dialog.locator(`tr[data-id="${first.id}"]`);
      await expect(diff.locator("ins")).toHaveText(["Обезжиривание", "Ванна №2"]);
      const axe = await new AxeBuilder({ page }).include("dialog").analyze();
      expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

      // Read as UTF-8 the Cyrillic bytes are not letters: refused as a whole, nothing to apply.
      await encoding.selectOption("utf-8");
      await expect(dialog.getByRole("alert")).toHaveText(text.csvFile.replacement.replace("{detail}", "2"));
      await expect(dialog.getByRole("button", { name: new RegExp(`^${text.csv.apply.split(" ")[0]}`) })).toHaveCount(0);

      await encoding.selectOption("windows-1251");
      await expect(dialog.getByText(text.csvFile.readAsChosen.replace("{encoding}", label1251))).toBeVisible();
      await dialog.getByRole("button", { name: new RegExp(`^${text.csv.apply.split(" ")[0]}`) }).click();
      await expect(dialog).toBeHidden();
      await expect(nameField(page, first.id, uiLocale)).toHaveValue("Обезжиривание");
      await page.getByRole("button", { name: text.toolbar.saveAll }).click();
      await expect(row(page, first.id).getByText(text.rowState.saved, { exact: true })).toBeVisible();
      const saved = (await apiProcesses(page.request)).find((p) => p.id === first.id);
      expect(saved).toMatchObject({ name: "Обезжиривание", comment: "Ванна №2" });
    });

    test("Excel's CSV UTF-8 (BOM, semicolons, CRLF) reads as UTF-8", async ({ page, app, signIn, text }) => {
      await app.seed(2);
      await signIn(page);
      const [first] = take(await apiProcesses(page.request), 1);
      const file = Buffer.concat([
        Buffer.from("efbbbf", "hex"),
        Buffer.from(`id;name;comment\r\n${first.id};Травление;${first.comment}\r\n`, "utf8"),
      ]);
      await importFile(page, text.csv.fileLabel, "utf8.csv", file);
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByLabel(text.csvFile.encoding)).toHaveValue("utf-8");
      await expect(
        dialog.getByText(text.csvFile.readAsDetected.replace("{encoding}", text.csvFile.encodings["utf-8"])),
      ).toBeVisible();
      await expect(dialog.locator(`tr[data-id="${first.id}"] ins`)).toHaveText("Травление");
      await dialog.getByRole("button", { name: text.csv.cancel }).click();
      await expect(page.getByText(text.toolbar.noChanges)).toBeVisible();
    });

    test("export as Excel (Windows-1251, ;) writes Excel's bytes; a character 1251 lacks refuses it", async ({
      page,
      app,
      signIn,
      text,
    }) => {
      await app.seed(2);
      await signIn(page);
      const [first, second] = take(await apiProcesses(page.request), 2);
      await nameField(page, first.id, uiLocale).fill("Травление");
      await page.getByLabel(text.csvFile.format).selectOption("excel-1251");
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: text.csv.exportAll }).click(),
      ]);
      const bytes = await readFile((await download.path())!);
      const expected = Buffer.concat([
        ascii(`id;name;comment\r\n${first.id};`),
        ETCHING_1251,
        ascii(`;${first.comment}\r\n${second.id};${second.name};${second.comment}`),
      ]);
      expect(bytes.toString("hex")).toBe(expected.toString("hex"));

      await nameField(page, second.id, uiLocale).fill("Rinse ✓");
      await page.getByRole("button", { name: text.csv.exportAll }).click();
      await expect(page.getByRole("alert").getByText(/Windows-1251[^]*✓[^]*CSV UTF-8/)).toBeVisible();
    });

    test("a file over 10 MB is refused with the limit, before it is read", async ({ page, app, signIn, text }) => {
      await app.seed(1);
      await signIn(page);
      await importFile(page, text.csv.fileLabel, "big.csv", Buffer.alloc(10 * 1024 * 1024 + 60 * 1024, 0x41));
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByRole("alert")).toHaveText(
        text.csvFile.tooBig.replace("{detail}", uiLocale === "ru" ? "10,1" : "10.1").replace("{limit}", "10"),
      );
      await expect(dialog.getByLabel(text.csvFile.encoding)).toHaveCount(0);
    });

    test("a big file is parsed in a worker, in Windows-1251", async ({ page, app, signIn, text }) => {
      await app.seed(2);
      await signIn(page);
      const [first] = take(await apiProcesses(page.request), 1);
      // 3,000 records (over 256 KiB): one known id, the rest unknown and skipped.
      const filler = Array.from({ length: 3_000 }, (_, i) => `${900_000 + i};Process ${i};${"x".repeat(80)}\r\n`);
      const file = Buffer.concat([
        ascii(`id;name;comment\r\n${first.id};`),
        ETCHING_1251,
        ascii(`;\r\n${filler.join("")}`),
      ]);
      expect(file.length).toBeGreaterThan(256 * 1024);
      const worker = page.waitForEvent("worker");
      await importFile(page, text.csv.fileLabel, "big.csv", file);
      expect((await worker).url()).toMatch(/^(http|blob:)/);
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByLabel(text.csvFile.encoding)).toHaveValue("windows-1251");
      await expect(dialog.locator(`tr[data-id="${first.id}"] ins`)).toHaveText(["Травление", text.csv.emptyValue]);
      await expect(dialog.getByText(text.csv.unknownId.replace("{id}", "900000"), { exact: true })).toBeVisible();
    });
  });
}
