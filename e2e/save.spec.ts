import {
  apiProcesses,
  commentField,
  expect,
  nameField,
  rowState,
  saveButton,
  screenshot,
  test,
} from "./support/fixtures";
import { take } from "@/test/support/take";

test.describe("saving processes", () => {
  test("signs in, edits one row and saves it: a reload and the API agree", async ({ page, app, signIn }) => {
    await app.seed(5);
    await signIn(page);
    const [first, second] = take(await apiProcesses(page.request), 2);
    await screenshot(page, "processes-normal");

    await nameField(page, second.id).fill("Curing oven");
    await expect(rowState(page, second.id, "Edited")).toBeVisible();
    await expect(page.getByText("1 unsaved row")).toBeVisible();
    await screenshot(page, "processes-edited");

    await saveButton(page, second.id).click();
    await expect(rowState(page, second.id, "Saved")).toBeVisible();
    await expect(page.getByRole("status").getByText(`Process ${second.id} saved.`)).toBeVisible();
    await expect(page.getByText("No unsaved changes")).toBeVisible();

    await page.reload();
    await expect(nameField(page, second.id)).toHaveValue("Curing oven");
    await expect(nameField(page, first.id)).toHaveValue(first.name);
    const after = await apiProcesses(page.request);
    expect(after.find((p) => p.id === second.id)).toMatchObject({ name: "Curing oven", comment: second.comment });
    expect(after.find((p) => p.id === first.id)?.name).toBe(first.name);
  });

  test("edits three rows and saves all in one request", async ({ page, app, signIn }) => {
    await app.seed(6);
    await signIn(page);
    const list = await apiProcesses(page.request);
    const [first, second, third, , , sixth] = take(list, 6);
    const targets = [first, third, sixth] as const;
    const bulkPuts: string[] = [];
    page.on("request", (r) => {
      // The saves only: the page's presence writes are PUTs too.
      if (r.method() === "PUT" && new URL(r.url()).pathname.startsWith("/api/v1/processes"))
        bulkPuts.push(new URL(r.url()).pathname);
    });

    await nameField(page, targets[0].id).fill("Mixing");
    await commentField(page, targets[1].id).fill("Line 2\nchecked daily");
    await nameField(page, targets[2].id).fill("Packing");
    await expect(page.getByText("3 unsaved rows")).toBeVisible();
    await page.getByRole("button", { name: "Save all" }).click();

    await expect(page.getByText("3 processes saved.")).toBeVisible();
    await expect(page.getByText("No unsaved changes")).toBeVisible();
    expect(bulkPuts).toEqual(["/api/v1/processes"]);
    const after = new Map((await apiProcesses(page.request)).map((p) => [p.id, p]));
    expect(after.get(targets[0].id)?.name).toBe("Mixing");
    expect(after.get(targets[1].id)?.comment).toBe("Line 2\nchecked daily");
    expect(after.get(targets[2].id)?.name).toBe("Packing");
    expect(after.get(second.id)?.name).toBe(second.name);
  });

  test("saving one row keeps the edits in the others", async ({ page, app, signIn }) => {
    await app.seed(3);
    await signIn(page);
    const [a, b] = take(await apiProcesses(page.request), 2);
    await nameField(page, a.id).fill("Row A edited");
    await nameField(page, b.id).fill("Row B edited");
    await saveButton(page, a.id).click();
    await expect(rowState(page, a.id, "Saved")).toBeVisible();
    await expect(nameField(page, b.id)).toHaveValue("Row B edited");
    await expect(rowState(page, b.id, "Edited")).toBeVisible();
    await expect(page.getByText("1 unsaved row")).toBeVisible();
  });
});
