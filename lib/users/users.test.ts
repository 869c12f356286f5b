import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserChangeContext } from "@/lib/users/user-records";
import { openDataLayer, type DataLayer } from "@/test/support/data-layer";
import { PROVIDERS } from "@/test/support/test-database";

// lib/users in-process against real SQLite and PostgreSQL databases: the guard rails (each refusal changes
// nothing: users, sessions, links and the audit table are compared whole), the one-time links, sign-in of
// disabled and must-change users, and the exact audit events of a scripted sequence.

const load = async () => ({
  ...(await import("@/lib/users/users")),
  ...(await import("@/lib/users/list-users")),
  ...(await import("@/lib/users/create-local-user")),
  ...(await import("@/lib/users/change-user")),
  ...(await import("@/lib/users/manage-user")),
  ...(await import("@/lib/users/password-links")),
  ...(await import("@/lib/db/client")),
});

type Loaded = Awaited<ReturnType<typeof load>>;

/** The error a call rejects with (its class is per module graph: matched on its code). */
async function refusal(call: Promise<unknown>): Promise<{ code: number; message: string }> {
  return call.then(
    () => expect.fail("expected a refusal"),
    (error: { code: number; message: string }) => error,
  );
}

const secretOf = (url: string) => url.slice(url.indexOf("#") + 1);

describe.each(PROVIDERS)("users on $provider", ({ provider, options }) => {
  let dl: DataLayer<Loaded>;
  let admin: { id: number; email: string };
  let asAdmin: UserChangeContext;

  /** Everything a refused change must leave as it was. */
  const snapshot = async () => ({
    users: await dl.db.user.findMany({ orderBy: { id: "asc" } }),
    sessions: await dl.db.session.findMany({ orderBy: { id: "asc" } }),
    links: await dl.db.passwordLink.findMany({ orderBy: { id: "asc" } }),
    // The events, without their trail links: sealing (after any write, the CLI's included) is not a change.
    audit: (await dl.db.auditEvent.findMany({ orderBy: { id: "asc" } })).map(({ hash: _h, prevHash: _p, ...e }) => e),
  });
  const audit = async (afterId = 0) =>
    (await dl.db.auditEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" } })).map((e) => ({
      action: e.action,
      actor: `${e.actorType}:${e.actorId ?? ""}`,
      target: e.targetId === null ? null : `${e.targetType}:${e.targetName}`,
      requestId: e.requestId,
      detail: JSON.parse(e.detail) as unknown,
    }));
  const lastAuditId = async () => (await dl.db.auditEvent.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;
  const openSession = (userId: number, id = `s-${userId}-${Math.random()}`) =>
    dl.db.session.create({ data: { id, userId, expiresAt: new Date(Date.now() + 3_600_000) } });

  beforeAll(async () => {
    if (!options.skip) dl = await openDataLayer(provider, load);
  }, 60_000);
  afterAll(async () => dl?.close());
  beforeEach(async () => {
    if (options.skip) return;
    await dl.db.auditEvent.deleteMany();
    await dl.db.user.deleteMany();
    admin = await dl.createUser({ email: "admin@plant.example", password: "admin-password-1", role: "Super user" });
    asAdmin = { actor: { type: "user", id: admin.id, name: admin.email }, ip: "10.0.0.1", requestId: "req-a" };
  });

  it("records exactly the expected audit events for a scripted sequence", options, async () => {
    const start = await lastAuditId();
    const { user: ann, link } = await dl.createLocalUser(
      { email: "Ann@Plant.example", name: "Ann", role: "User" },
      asAdmin,
    );
    expect(ann).toMatchObject({ email: "ann@plant.example", status: "must-change-password", source: "local" });
    expect(link!.url).toMatch(/^http:\/\/localhost:\d+\/set-password#[A-Za-z0-9_-]{43}$/);
    const { user: bob, link: none } = await dl.createLocalUser(
      { email: "bob@plant.example", role: "Advanced user", password: "initial-password-1" },
      asAdmin,
    );
    expect(none).toBeNull();
    await dl.usePasswordLink({ token: secretOf(link!.url), password: "plum-own-password-1", requestId: "req-l" });
    await openSession(ann.id);
    await dl.changeUser({ id: ann.id, role: "Advanced user", name: "Ann K." }, asAdmin);
    await dl.changeUser({ id: ann.id, role: "Advanced user" }, asAdmin); // unchanged: nothing recorded
    await dl.disableUser({ id: ann.id }, asAdmin);
    await dl.enableUser({ id: ann.id }, asAdmin);
    await dl.resetUserPassword({ id: bob.id }, asAdmin);
    await openSession(bob.id);
    await dl.endSessionsOfUser({ id: bob.id }, asAdmin);
    await dl.deleteUser({ id: bob.id }, asAdmin);
    await dl.setUserRole({ email: ann.email, role: "User" });

    const by = `user:${admin.id}`;
    const base = { actor: by, requestId: "req-a" };
    expect(await audit(start)).toEqual([
      {
        ...base,
        action: "user.created",
        target: "user:ann@plant.example",
        detail: { role: "User", source: "local", setup: "link" },
      },
      {
        ...base,
        action: "user.created",
        target: "user:bob@plant.example",
        detail: { role: "Advanced user", source: "local", setup: "initial password" },
      },
      {
        action: "password.changed",
        actor: `user:${ann.id}`,
        target: "user:ann@plant.example",
        requestId: "req-l",
        detail: { via: "link" },
      },
      {
        ...base,
        action: "user.changed",
        target: "user:ann@plant.example",
        detail: { field: "name", from: "Ann", to: "Ann K." },
      },
      {
        ...base,
        action: "role.changed",
        target: "user:ann@plant.example",
        detail: { from: "User", to: "Advanced user", direction: "promoted" },
      },
      { ...base, action: "user.disabled", target: "user:ann@plant.example", detail: {} },
      { ...base, action: "sessions.ended", target: "user:ann@plant.example", detail: { count: 1, reason: "disabled" } },
      { ...base, action: "user.enabled", target: "user:ann@plant.example", detail: {} },
      { ...base, action: "password.reset", target: "user:bob@plant.example", detail: {} },
      { ...base, action: "sessions.ended", target: "user:bob@plant.example", detail: { count: 1, reason: "ended" } },
      {
        ...base,
        action: "user.deleted",
        target: "user:bob@plant.example",
        detail: { role: "Advanced user", source: "local" },
      },
      {
        action: "role.changed",
        actor: "system:",
        target: "user:ann@plant.example",
        requestId: null,
        detail: { from: "Advanced user", to: "User", direction: "demoted" },
      },
    ]);
    const listed = await dl.listUsers();
    expect(listed.map((u) => [u.email, u.name, u.role, u.status, u.openSessions])).toEqual([
      ["admin@plant.example", "", "Super user", "active", 0],
      ["ann@plant.example", "Ann K.", "User", "active", 0],
    ]);
  });

  it("a role change keeps the user's sessions; disabling and deleting end them", options, async () => {
    const { user } = await dl.createLocalUser(
      { email: "op@plant.example", role: "User", password: "initial-password-1" },
      asAdmin,
    );
    await openSession(user.id);
    await openSession(user.id);
    expect((await dl.changeUserRole({ id: user.id, role: "Super user" }, asAdmin)).openSessions).toBe(2);
    expect((await dl.disableUser({ id: user.id }, asAdmin)).openSessions).toBe(0);
    expect(await dl.db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  describe("guard rails: each refusal is 1008 (or 1005) and changes nothing", () => {
    type Case = [string, number, (ids: Record<string, number>) => Promise<unknown>];
    const cases: Case[] = [
      [
        "the last active Super user demoted (by a token)",
        1008,
        (ids) => dl.changeUserRole({ id: ids.admin!, role: "User" }, TOKEN),
      ],
      ["the last active Super user disabled (by a token)", 1008, (ids) => dl.disableUser({ id: ids.admin! }, TOKEN)],
      ["the last active Super user deleted (by a token)", 1008, (ids) => dl.deleteUser({ id: ids.admin! }, TOKEN)],
      [
        "the last active Super user deleted (by the CLI)",
        1008,
        () => dl.deleteUserByEmail({ email: "admin@plant.example" }),
      ],
      [
        "the last active Super user demoted (by the CLI)",
        1008,
        () => dl.setUserRole({ email: "admin@plant.example", role: "User" }),
      ],
      [
        "a Super user demoting themselves",
        1008,
        (ids) => dl.changeUserRole({ id: ids.second!, role: "User" }, asUser(ids.second!)),
      ],
      ["a Super user disabling themselves", 1008, (ids) => dl.disableUser({ id: ids.second! }, asUser(ids.second!))],
      ["a Super user deleting themselves", 1008, (ids) => dl.deleteUser({ id: ids.second! }, asUser(ids.second!))],
      [
        "a directory user's role changed",
        1008,
        (ids) => dl.changeUserRole({ id: ids.ldap!, role: "Super user" }, TOKEN),
      ],
      ["a directory user's password reset", 1008, (ids) => dl.resetUserPassword({ id: ids.ldap! }, TOKEN)],
      [
        "a directory user's password set (by the CLI)",
        1008,
        () => dl.setUserPassword({ email: "dir@plant.example", password: "a long enough password" }),
      ],
      [
        "a PATCH whose name is fine but whose disabling (of oneself) is refused",
        1008,
        (ids) => dl.changeUser({ id: ids.second!, name: "Renamed", disabled: true }, asUser(ids.second!)),
      ],
      ["an unknown user changed", 1005, () => dl.changeUser({ id: 999_999, name: "x" }, TOKEN)],
      ["an unknown user deleted", 1005, () => dl.deleteUser({ id: 999_999 }, TOKEN)],
      ["an unknown user's password reset", 1005, () => dl.resetUserPassword({ id: 999_999 }, TOKEN)],
      ["an unknown user's sessions ended", 1005, () => dl.endSessionsOfUser({ id: 999_999 }, TOKEN)],
    ];
    const TOKEN: UserChangeContext = { actor: { type: "token", id: 3, name: "ops" }, requestId: "req-t" };
    const asUser = (id: number): UserChangeContext => ({ actor: { type: "user", id, name: "second@plant.example" } });

    it.each(cases)("%s", options, async (_, code, call) => {
      const ids: Record<string, number> = { admin: admin.id };
      const last = code === 1008 && _.startsWith("the last");
      if (!last) {
        ids.second = (
          await dl.createUser({ email: "second@plant.example", password: "second-password-1", role: "Super user" })
        ).id;
      }
      ids.ldap = (
        await dl.db.user.create({
          data: { email: "dir@plant.example", passwordHash: "", role: "User", source: "ldap", externalId: "cn=dir" },
        })
      ).id;
      if (last) await dl.db.user.update({ where: { id: admin.id }, data: { name: "only" } });
      await openSession(admin.id);
      if (ids.second) await openSession(ids.second);
      const before = await snapshot();
      const error = await refusal(call(ids));
      expect(error.code).toBe(code);
      expect(await snapshot()).toEqual(before);
    });

    it("a disabled Super user does not count: the one left active cannot be demoted", options, async () => {
      const other = await dl.createUser({
        email: "other@plant.example",
        password: "other-password-12",
        role: "Super user",
      });
      await dl.disableUser({ id: other.id }, asAdmin);
      const before = await snapshot();
      expect(
        (
          await refusal(
            dl.changeUserRole({ id: admin.id, role: "User" }, { actor: { type: "system", id: null, name: "system" } }),
          )
        ).code,
      ).toBe(1008);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe("one-time links and sign-in", () => {
    it("a directory user's stored hash never signs them in locally", options, async () => {
      const hash = (await dl.db.user.findUniqueOrThrow({ where: { id: admin.id } })).passwordHash;
      await dl.db.user.create({
        data: { email: "dir2@plant.example", passwordHash: hash, role: "User", source: "ldap", externalId: "cn=dir2" },
      });
      expect(await dl.verifyCredentials({ email: "admin@plant.example", password: "admin-password-1" })).not.toBeNull();
      expect(await dl.verifyCredentials({ email: "dir2@plant.example", password: "admin-password-1" })).toBeNull();
    });

    it("a link works once; a used, replaced, expired or unknown link is 1005 with one message", options, async () => {
      const { user, link } = await dl.createLocalUser({ email: "new@plant.example", role: "User" }, asAdmin);
      const first = secretOf(link!.url);
      expect(await dl.checkPasswordLink({ token: first })).toMatchObject({ email: "new@plant.example" });
      expect(await dl.verifyCredentials({ email: "new@plant.example", password: "" })).toBeNull();
      const { link: second } = await dl.resetUserPassword({ id: user.id }, asAdmin);
      const messages = new Set<string>();
      for (const token of [first, "unknown-token"]) {
        const error = await refusal(dl.checkPasswordLink({ token }));
        expect(error.code).toBe(1005);
        messages.add(error.message);
      }
      await dl.usePasswordLink({ token: secretOf(second.url), password: "chosen-password-1" });
      const used = await refusal(dl.usePasswordLink({ token: secretOf(second.url), password: "another-password-1" }));
      messages.add(used.message);
      const { link: third } = await dl.resetUserPassword({ id: user.id }, asAdmin);
      await dl.db.passwordLink.updateMany({ where: { usedAt: null }, data: { expiresAt: new Date(Date.now() - 1) } });
      messages.add((await refusal(dl.checkPasswordLink({ token: secretOf(third.url) }))).message);
      expect([...messages]).toEqual([dl.LINK_NOT_VALID]);
      const stored = await dl.db.passwordLink.findMany({ select: { tokenHash: true } });
      expect(stored.every((l) => /^[0-9a-f]{64}$/.test(l.tokenHash) && l.tokenHash !== first)).toBe(true);
    });

    it(
      "sign-in: a disabled user is refused like a wrong password; an initial password must be changed",
      options,
      async () => {
        const { user } = await dl.createLocalUser(
          { email: "first@plant.example", role: "User", password: "initial-password-1" },
          asAdmin,
        );
        expect(
          await dl.verifyCredentials({ email: "first@plant.example", password: "initial-password-1" }),
        ).toMatchObject({
          id: user.id,
          mustChangePassword: true,
        });
        const secret = await dl.issueFirstSignInLink({ userId: user.id });
        await dl.usePasswordLink({ token: secret, password: "my-own-password-1" });
        expect(await dl.verifyCredentials({ email: "first@plant.example", password: "initial-password-1" })).toBeNull();
        expect(
          await dl.verifyCredentials({ email: "first@plant.example", password: "my-own-password-1" }),
        ).toMatchObject({
          mustChangePassword: false,
        });
        await dl.disableUser({ id: user.id }, asAdmin);
        expect(await dl.verifyCredentials({ email: "first@plant.example", password: "my-own-password-1" })).toBeNull();
        expect((await refusal(dl.checkPasswordLink({ token: secret }))).code).toBe(1005);
      },
    );
  });
});
