import { OPERATOR, expect, test } from "./support/fixtures";

// A form rendered on the server can be submitted before React handles it (a slow plant PC, a busy server): the
// browser then sends it itself, as a GET to the page, with every field in the URL. Seen in CI on the webhook form
// (its target URL in the address bar); on the sign-in page it would be the password. Until hydration the submit
// button is disabled, and Enter in a field submits nothing either (the form's default button is disabled).

test("before hydration the sign-in form cannot be sent: no password reaches the URL", async ({ page, text }) => {
  // The page's scripts never arrive: the state a person is in between the HTML and hydration.
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  await page.goto("/signin");
  const submit = page.getByRole("button", { name: text.signIn.submit });
  await expect(submit).toBeDisabled();
  await page.getByLabel(text.signIn.email).fill(OPERATOR.email);
  await page.getByLabel(text.signIn.password).fill(OPERATOR.password);
  await page.getByLabel(text.signIn.password).press("Enter");
  await submit.click({ force: true });
  // Nothing was sent: the page is where it was, its fields as typed.
  await expect(page).toHaveURL(/\/signin$/);
  expect(page.url()).not.toContain("password");
  await expect(page.getByLabel(text.signIn.password)).toHaveValue(OPERATOR.password);

  // With the scripts, the same page signs in.
  await page.unrouteAll();
  await page.goto("/signin");
  await page.getByLabel(text.signIn.email).fill(OPERATOR.email);
  await page.getByLabel(text.signIn.password).fill(OPERATOR.password);
  await page.getByRole("button", { name: text.signIn.submit }).click();
  await expect(page).toHaveURL(/\/settings\/processes$/);
});
