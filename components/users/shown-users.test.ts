import { describe, expect, it } from "vitest";
import type { UserSummary } from "@/lib/validations/users";
import { shownUsers } from "./shown-users";

const user = (id: number, email: string, extra: Partial<UserSummary> = {}): UserSummary => ({
  id,
  email,
  name: "",
  role: "User",
  source: "local",
  status: "active",
  createdAt: "2026-12-01T00:00:00.000Z",
  lastSignInAt: null,
  openSessions: 0,
  ...extra,
});

const USERS = [
  user(1, "carol@plant.example", { role: "Super user", lastSignInAt: "2026-12-05T08:00:00.000Z", openSessions: 2 }),
  user(2, "alice@plant.example", { name: "Shift lead", status: "disabled" }),
  user(3, "bob@plant.example", { role: "Advanced user", lastSignInAt: "2026-12-06T08:00:00.000Z" }),
];
const ids = (list: UserSummary[]) => list.map((u) => u.id);

describe("shownUsers", () => {
  it.each<[string, Parameters<typeof shownUsers>[1], Parameters<typeof shownUsers>[2], number[]]>([
    ["all, by email", { text: "", status: "all" }, { key: "email", dir: "asc" }, [2, 3, 1]],
    ["all, by role descending", { text: "", status: "all" }, { key: "role", dir: "desc" }, [1, 3, 2]],
    ["never signed in first", { text: "", status: "all" }, { key: "lastSignInAt", dir: "asc" }, [2, 1, 3]],
    ["by open sessions, ties by id", { text: "", status: "all" }, { key: "openSessions", dir: "asc" }, [2, 3, 1]],
    ["text matches a name, case aside", { text: "SHIFT", status: "all" }, { key: "email", dir: "asc" }, [2]],
    ["text matches an email", { text: "bob", status: "all" }, { key: "email", dir: "asc" }, [3]],
    ["status filter", { text: "", status: "active" }, { key: "email", dir: "asc" }, [3, 1]],
    ["nothing matches", { text: "zed", status: "all" }, { key: "email", dir: "asc" }, []],
  ])("%s", (_, filter, sort, expected) => {
    expect(ids(shownUsers(USERS, filter, sort))).toEqual(expected);
  });

  it("leaves the list it was given as it was", () => {
    const copy = [...USERS];
    shownUsers(copy, { text: "", status: "all" }, { key: "email", dir: "desc" });
    expect(ids(copy)).toEqual([1, 2, 3]);
  });
});
