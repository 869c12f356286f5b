import { expect, it } from "vitest";
import { runScript } from "@/test/support/run-script";
import { signInFrom } from "@/test/support/session";
import { LIMITED_SIGN_IN, type SecurityApp } from "@/test/security/security-app";

// Issue 8: password guessing meets growing waits, per address and email and per email across addresses,
// never a lockout that someone else can aim at a person. A correct password is not counted. `limited`
// allows 3 failures per address and email (then 60 s), and 5 per email (then waits of at most 1 s).

const FREE = Number(LIMITED_SIGN_IN.RATE_LIMIT_SIGNIN_POINTS);
const SLOW = { timeout: 120_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let made = 0;

export function lockoutCases(app: SecurityApp): void {
  const newUser = async () => {
    const user = { email: `lockout-${++made}-${Date.now()}@plant.example`, password: "the-right-password-1" };
    const result = await runScript(
      "scripts/cli.ts",
      ["users:create", "--email", user.email, "--password", user.password, "--role", "User"],
      { DATABASE_URL: app.databaseUrl },
    );
    expect(result.code, result.stderr).toBe(0);
    return user;
  };
  const attempt = (localAddress: string, email: string, password: string, headers?: Record<string, string>) =>
    signInFrom(app.limited.port, { localAddress, email, password, headers });

  it("a correct password is never counted: many sign-ins in a row from one address all succeed", SLOW, async () => {
    const user = await newUser();
    for (let i = 0; i < FREE * 2; i++) {
      const result = await attempt("127.0.0.20", user.email, user.password);
      expect(result.error).toBeNull();
      expect(result.cookie).toBeTruthy();
    }
  });

  it(
    "guessing from one address, rotating X-Forwarded-For, must wait after 3 failures, even with the right password; another address is not held up",
    SLOW,
    async () => {
      const user = await newUser();
      const errors = [];
      for (let i = 0; i < FREE + 2; i++) {
        const forwarded = { "X-Forwarded-For": `203.0.113.${i}` };
        errors.push((await attempt("127.0.0.21", user.email, `guess-${i}`, forwarded)).error);
      }
      expect(errors).toEqual([...Array<string>(FREE).fill("CredentialsSignin"), "TooManyAttempts", "TooManyAttempts"]);
      const right = await attempt("127.0.0.21", user.email, user.password, { "X-Forwarded-For": "198.51.100.7" });
      expect(right).toEqual({ error: "TooManyAttempts", cookie: null });
      // The person, from their own address: the guesses aimed at them did not lock them out.
      const person = await attempt("127.0.0.22", user.email, user.password);
      expect(person.error).toBeNull();
      expect(person.cookie).toBeTruthy();
    },
  );

  it(
    "guessing spread over many addresses meets waits for that email, capped short: the person still gets in",
    SLOW,
    async () => {
      const user = await newUser();
      const errors: (string | null)[] = [];
      // One guess per address, so that no address reaches its own limit; stop once the email's wait answers.
      for (let i = 0; i < 30 && !errors.includes("TooManyAttempts"); i++)
        errors.push((await attempt(`127.0.2.${i + 1}`, user.email, `spread-guess-${i}`)).error);
      expect(errors.slice(0, Number(LIMITED_SIGN_IN.RATE_LIMIT_SIGNIN_ACCOUNT_POINTS))).toEqual(
        Array<string>(Number(LIMITED_SIGN_IN.RATE_LIMIT_SIGNIN_ACCOUNT_POINTS)).fill("CredentialsSignin"),
      );
      expect(errors.at(-1)).toBe("TooManyAttempts");
      // The email's wait is capped at RATE_LIMIT_SIGNIN_ACCOUNT_MAX_DELAY_SECONDS (1 s here): the person retries
      // as a person would, and gets in while the guesser has gained a guess a second at most.
      let person = await attempt("127.0.0.23", user.email, user.password);
      for (let i = 0; i < 10 && !person.cookie; i++) {
        expect(person.error).toBe("TooManyAttempts");
        await sleep(500);
        person = await attempt("127.0.0.23", user.email, user.password);
      }
      expect(person.cookie).toBeTruthy();
    },
  );
}
