import { expect, it } from "vitest";
import { createTestUsers } from "@/test/support/fixture-data";
import { prepareSignIn, signInFrom } from "@/test/support/session";
import type { TestServer } from "@/test/support/test-server";
import { LIMITED_SIGN_IN, type SecurityApp } from "@/test/security/security-app";

// Issue 8: password guessing meets growing waits, per address and email and per email across addresses,
// never a lockout that someone else can aim at a person. A correct password is not counted. `limited`
// allows 3 failures per address and email (then 60 s), and 5 per email (then waits of at most 1 s).

const FREE = Number(LIMITED_SIGN_IN.RATE_LIMIT_SIGNIN_POINTS);
const PER_ADDRESS = Number(LIMITED_SIGN_IN.RATE_LIMIT_SIGNIN_ADDRESS_POINTS);
const DEVICE_FREE = Number(LIMITED_SIGN_IN.RATE_LIMIT_SIGNIN_DEVICE_POINTS);
const SLOW = { timeout: 120_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let made = 0;
const times = <T>(n: number, value: T) => Array<T>(n).fill(value);

/** The server's sign-in log lines for one client address, in order. */
function signInLines(server: TestServer, ip: string): { msg: string; hashes?: number }[] {
  return server
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{") && l.includes('"msg":"sign-in') && l.includes(`"ip":"${ip}"`))
    .map((l) => JSON.parse(l) as { msg: string; hashes?: number });
}

export function lockoutCases(app: SecurityApp): void {
  const newUser = async () => {
    const user = { email: `lockout-${++made}-${Date.now()}@plant.example`, password: "the-right-password-1" };
    await createTestUsers(app.databaseUrl, [{ ...user, role: "User" }]);
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
      expect(right).toMatchObject({ error: "TooManyAttempts", cookie: null, device: null });
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

  it(
    "a flood of new emails from one address is refused once the address's attempts are spent, before any password is hashed",
    SLOW,
    async () => {
      const errors = [];
      for (let i = 0; i < PER_ADDRESS + 4; i++)
        errors.push((await attempt("127.0.0.24", `flood-${i}-${Date.now()}@nowhere.example`, "any-password-1")).error);
      expect(errors).toEqual([...times(PER_ADDRESS, "CredentialsSignin"), ...times(4, "TooManyAttempts")]);
      const lines = signInLines(app.limited, "127.0.0.24");
      const hashed = lines.filter((l) => l.msg === "sign-in refused");
      const refused = lines.filter((l) => l.msg === "sign-in refused: address limit");
      expect([hashed.length, refused.length]).toEqual([PER_ADDRESS, 4]);
      // The instance's count of hashes started did not move while the flood was refused.
      expect(refused.map((l) => l.hashes)).toEqual(times(4, hashed.at(-1)!.hashes));
      // Another address is not held up by it.
      expect((await attempt("127.0.0.25", `flood-other-${Date.now()}@nowhere.example`, "any-password-1")).error).toBe(
        "CredentialsSignin",
      );
    },
  );

  it("IPv6 addresses count by their /64: rotating through one /64 does not give new free failures", SLOW, async () => {
    const user = await newUser();
    const viaProxy = (forwardedFor: string, password: string) =>
      signInFrom(app.proxied.port, {
        localAddress: "127.0.0.3",
        email: user.email,
        password,
        headers: { "X-Forwarded-For": forwardedFor },
      });
    // `proxied` has the default 5 free failures per address and email.
    const errors = [];
    for (let i = 1; i <= 6; i++) errors.push((await viaProxy(`2001:db8:18:1::${i}`, `v6-guess-${i}`)).error);
    expect(errors).toEqual([...times(5, "CredentialsSignin"), "TooManyAttempts"]);
    expect((await viaProxy("2001:db8:18:1:ffff:ffff:ffff:1", user.password)).error).toBe("TooManyAttempts");
    // The next /64 is another client.
    const other = await viaProxy("2001:db8:18:2::1", user.password);
    expect(other.error).toBeNull();
    expect(other.cookie).toBeTruthy();
  });

  it(
    "the attack of issue 18: from 20 addresses at 2 tries/s, the victim's browser (device cookie) signs in at the first correct try; a browser without one waits",
    { timeout: 180_000 },
    async () => {
      const [victim, other] = [await newUser(), await newUser()];
      const viaProxy = (forwardedFor: string, email: string, password: string, cookie?: string) =>
        signInFrom(app.proxied.port, {
          localAddress: "127.0.0.3",
          email,
          password,
          cookie,
          headers: { "X-Forwarded-For": forwardedFor },
        });
      // Earlier, the victim signed in from this browser; another person from theirs.
      const earlier = await viaProxy("198.51.100.77", victim.email, victim.password);
      expect(earlier.error).toBeNull();
      expect(earlier.device).toMatch(/^__Secure-pp-device-[\w-]{16}=[\w-]+\.\d+\.[\w-]+$/);
      expect(earlier.deviceAttributes!.split(/;\s*/).filter(Boolean).sort()).toEqual(
        ["HttpOnly", "Max-Age=7776000", "Path=/api/auth", "SameSite=Strict", "Secure"].sort(),
      );
      const otherDevice = (await viaProxy("198.51.100.80", other.email, other.password)).device!;
      const [victimCookieName, victimValue] = earlier.device!.split("=") as [string, string];

      let running = true;
      const attackErrors: (string | null)[] = [];
      const attack = (async () => {
        for (let i = 0; running; i++) {
          const started = Date.now();
          attackErrors.push((await viaProxy(`203.0.113.${100 + (i % 20)}`, victim.email, `wrong-${i}`)).error);
          await sleep(Math.max(0, 500 - (Date.now() - started)));
        }
      })();
      try {
        // Until the email's wait (20 free failures by default) answers the attackers.
        const deadline = Date.now() + 90_000;
        while (!attackErrors.includes("TooManyAttempts") && Date.now() < deadline) await sleep(200);
        expect(attackErrors).toContain("TooManyAttempts");
        // While the attack runs: the victim's browser, at its first correct try, also from elsewhere.
        const known = await viaProxy("198.51.100.77", victim.email, victim.password, earlier.device!);
        const elsewhere = await viaProxy("192.0.2.55", victim.email, victim.password, known.device ?? earlier.device!);
        // A browser that never signed in for this email (decision 021: it waits like the attackers)...
        const fresh = await viaProxy("198.51.100.78", victim.email, victim.password);
        // ...and cookies that are not the victim's own: another email's, and a tampered one.
        const moved = await viaProxy(
          "198.51.100.79",
          victim.email,
          victim.password,
          `${victimCookieName}=${otherDevice.split("=")[1]}`,
        );
        const tampered = await viaProxy(
          "198.51.100.81",
          victim.email,
          victim.password,
          `${victimCookieName}=${victimValue.replace(/\.(\d+)\./, (_, e: string) => `.${Number(e) + 1}.`)}`,
        );
        expect(known).toMatchObject({ error: null });
        expect(known.cookie).toBeTruthy();
        expect(known.device).toMatch(/^__Secure-pp-device-/);
        expect(elsewhere.error).toBeNull();
        expect(elsewhere.cookie).toBeTruthy();
        for (const refused of [fresh, moved, tampered])
          expect(refused).toMatchObject({ error: "TooManyAttempts", cookie: null, device: null });
      } finally {
        running = false;
        await attack;
      }
      // The attackers only ever met refusals, and the attack did run at about 2 tries/s.
      expect(new Set(attackErrors)).toEqual(new Set(["CredentialsSignin", "TooManyAttempts"]));
      expect(attackErrors.length).toBeGreaterThanOrEqual(21);
    },
  );

  it("a browser with a device cookie meets its own limit: a stolen laptop cannot guess forever", SLOW, async () => {
    const user = await newUser();
    const signedIn = await attempt("127.0.0.26", user.email, user.password);
    expect(signedIn.device).toBeTruthy();
    const withDevice = (password: string) =>
      signInFrom(app.limited.port, {
        localAddress: "127.0.0.26",
        email: user.email,
        password,
        cookie: signedIn.device!,
      });
    const errors = [];
    for (let i = 0; i < DEVICE_FREE + 1; i++) errors.push((await withDevice(`laptop-guess-${i}`)).error);
    expect(errors).toEqual([...times(DEVICE_FREE, "CredentialsSignin"), "TooManyAttempts"]);
    expect((await withDevice(user.password)).error).toBe("TooManyAttempts");
    // The laptop's guesses did not arm the email's waits: the person, from another browser, gets in.
    const person = await attempt("127.0.0.27", user.email, user.password);
    expect(person.error).toBeNull();
  });

  it(
    "hashing is bounded per instance: past one running and one waiting, an attempt is refused as busy, not as a wrong password",
    SLOW,
    async () => {
      const posts = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          prepareSignIn(app.limited.port, {
            localAddress: `127.0.3.${i + 1}`,
            email: `burst-${i}-${Date.now()}@nowhere.example`,
            password: "any-password-1",
          }),
        ),
      );
      const errors = (await Promise.all(posts.map((post) => post()))).map((r) => r.error);
      const busy = errors.filter((e) => e === "SignInBusy").length;
      expect(errors.filter((e) => e !== "SignInBusy")).toEqual(times(8 - busy, "CredentialsSignin"));
      expect(busy).toBeGreaterThanOrEqual(1);
      expect(busy).toBeLessThanOrEqual(6);
      const logged = Array.from({ length: 8 }, (_, i) => signInLines(app.limited, `127.0.3.${i + 1}`)).flat();
      expect(logged.filter((l) => l.msg === "sign-in refused: hashing busy")).toHaveLength(busy);
    },
  );
}
