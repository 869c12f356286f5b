import type { Role } from "@/lib/auth/roles";

// The accounts the suites sign in with: the first Super user (ADMIN_EMAIL/ADMIN_PASSWORD) and one per role.
export const TEST_ADMIN = { email: "admin@example.com", password: "correct horse battery staple" };

export const ROLE_USERS: Record<Role, { email: string; password: string }> = {
  User: { email: "user@example.com", password: "user-password-123" },
  "Advanced user": { email: "advanced@example.com", password: "advanced-password-123" },
  "Super user": { email: "super@example.com", password: "super-password-1234" },
};
