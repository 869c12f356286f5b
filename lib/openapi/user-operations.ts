import type { RouteKey } from "@/lib/api/routes";
import type { OperationSpec } from "@/lib/openapi/operation-spec";

// The users routes and the public set-password routes in the document (issue 20; docs/decisions/024).

const EXAMPLE_TIME = "2026-11-28T07:30:00.000Z";
export const EXAMPLE_USER = {
  id: 12,
  email: "shift.lead@plant.example",
  name: "Shift lead, line 2",
  role: "Advanced user",
  source: "local",
  status: "active",
  createdAt: EXAMPLE_TIME,
  lastSignInAt: "2026-11-29T06:01:44.120Z",
  openSessions: 1,
};
const EXAMPLE_LINK = {
  url: "https://processes.plant.example/set-password#Vn3c…",
  expiresAt: "2026-11-29T07:30:00.000Z",
};

const RULES =
  "Refused with 1008 (nothing changes): demoting, disabling or deleting the last active Super user; a Super user " +
  "demoting, disabling or deleting themselves; changing the role of a directory user (source `ldap` or `oidc`: " +
  "their role follows the directory).";

type UserRoute = Extract<
  RouteKey,
  `${string} /api/v1/users${string}` | "GET /api/v1/me" | `POST /api/v1/password-links/${string}`
>;

export const USER_OPERATIONS: Record<UserRoute, OperationSpec> = {
  "GET /api/v1/users": {
    tag: "Users",
    summary: "List users",
    description:
      "Every user, ordered by id: source (`local`, `ldap`, `oidc`), status (`active`, `disabled`, " +
      "`must-change-password`: no password of their own chosen yet), last sign-in and open sessions.",
    answers: [{ status: 200, schema: "UserList", description: "The users.", example: { users: [EXAMPLE_USER] } }],
  },
  "POST /api/v1/users": {
    tag: "Users",
    summary: "Create a local user",
    description:
      "Without `password` the answer's `link` is a one-time set-password link, valid 24 h, shown in this answer " +
      "only (the server keeps its SHA-256). With `password` that is the initial password (`link` is null): the " +
      "first sign-in with it leads to choosing a new one before anything else. An email in use is 1001 at `/email`.",
    body: { schema: "UserAdd", example: { email: "shift.lead@plant.example", name: "Shift lead", role: "User" } },
    answers: [
      {
        status: 201,
        schema: "UserCreated",
        description: "The user and, without an initial password, their link.",
        example: { user: { ...EXAMPLE_USER, status: "must-change-password", openSessions: 0 }, link: EXAMPLE_LINK },
      },
    ],
  },
  "PATCH /api/v1/users/{id}": {
    tag: "Users",
    summary: "Change a user's name, role or disabled state",
    description:
      "Any of `name`, `role`, `disabled` (at least one); values equal to the stored ones change nothing. A new " +
      "role applies to the user's open sessions within 5 s (they stay open). Disabling ends every session of " +
      "the user on every instance within 5 s and refuses their sign-in. " +
      RULES,
    body: { schema: "UserPatch", example: { role: "Advanced user" } },
    answers: [{ status: 200, schema: "UserOne", description: "The user as changed.", example: { user: EXAMPLE_USER } }],
    errors: [1005, 1008],
  },
  "DELETE /api/v1/users/{id}": {
    tag: "Users",
    summary: "Delete a user",
    description:
      "Their sessions end on every instance within 5 s; the audit log and the API tokens they created stay. " + RULES,
    answers: [{ status: 200, schema: "UserOne", description: "The user as they were." }],
    errors: [1005, 1008],
  },
  "POST /api/v1/users/{id}/password-link": {
    tag: "Users",
    summary: "Reset a user's password: a new one-time link",
    description:
      "The user's current password stops working and their older links end; the new link (24 h) is in this " +
      "answer only. Their sessions stay open (end them with `DELETE …/sessions`). A directory user is 1008.",
    answers: [
      {
        status: 201,
        schema: "UserPasswordLink",
        description: "The user and the link.",
        example: { user: { ...EXAMPLE_USER, status: "must-change-password" }, link: EXAMPLE_LINK },
      },
    ],
    errors: [1005, 1008],
  },
  "DELETE /api/v1/users/{id}/sessions": {
    tag: "Users",
    summary: "End every session of a user",
    description: "Every instance refuses the sessions within 5 s; their open pages and event streams end.",
    answers: [{ status: 200, schema: "UserSessionsEnded", description: "The user and how many sessions ended." }],
    errors: [1005],
  },
  "GET /api/v1/me": {
    tag: "Users",
    summary: "Who is calling",
    description:
      "The signed-in user (`name`: the email) or the API token (`name`: the token's), with the role as it is now. " +
      "The settings page polls it every 3 s to follow a role change or the end of its session.",
    answers: [
      {
        status: 200,
        schema: "Me",
        description: "The caller.",
        example: { type: "user", id: 12, name: EXAMPLE_USER.email, role: "Advanced user" },
      },
    ],
  },
  "POST /api/v1/password-links/check": {
    tag: "Users",
    summary: "Whom a set-password link is for (public)",
    description:
      "The secret travels in the body (it is the part of the link after `#`). Any link that is unknown, used, " +
      "replaced or expired is 1005 with one message. Counts against the sign-in attempts of the client's address " +
      "(`RATE_LIMIT_SIGNIN_ADDRESS_*`): 6001 past them.",
    body: { schema: "PasswordLinkCheck", example: { token: "Vn3c…" } },
    answers: [
      {
        status: 200,
        schema: "PasswordLinkInfo",
        description: "The link's user and its end.",
        example: { email: EXAMPLE_USER.email, name: EXAMPLE_USER.name, expiresAt: EXAMPLE_LINK.expiresAt },
      },
    ],
    errors: [1005, 6001],
  },
  "POST /api/v1/password-links/use": {
    tag: "Users",
    summary: "Set one's password through a set-password link (public)",
    description:
      "Sets the password (the rules of a new password), uses the link and ends the user's other links; then sign " +
      "in with it. Any link that is not valid is 1005; rate-limited as `…/check` is.",
    body: { schema: "PasswordLinkUse", example: { token: "Vn3c…", password: "a long new password" } },
    answers: [
      {
        status: 200,
        schema: "PasswordLinkUsed",
        description: "The password is set.",
        example: { email: EXAMPLE_USER.email },
      },
    ],
    errors: [1005, 6001],
  },
};
