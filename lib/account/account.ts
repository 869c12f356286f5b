import "server-only";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/locale";
import type { Account, AccountUpdate } from "@/lib/validations/account";

const ACCOUNT_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  source: true,
  locale: true,
  lastSignInAt: true,
} as const;

type AccountRow = {
  id: number;
  email: string;
  name: string;
  role: string;
  source: string;
  locale: string | null;
  lastSignInAt: Date | null;
};

const toAccount = (row: AccountRow): Account => ({
  ...row,
  role: row.role as Role,
  locale: isLocale(row.locale) ? row.locale : null,
  lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
});

/** The signed-in person's own account; 2002 if it went away meanwhile (deleted while signed in). */
export async function getAccount(options: { userId: number }): Promise<Account> {
  const row = await db.user.findUnique({ where: { id: options.userId }, select: ACCOUNT_SELECT });
  if (!row) throw new AppError(2002, "The session has expired or ended; sign in again");
  return toAccount(row);
}

/** Keeps the person's language (null: follow the browser); the answer sets the page's cookie to match. */
export async function updateAccount(options: { userId: number } & AccountUpdate): Promise<Account> {
  const { count } = await db.user.updateMany({ where: { id: options.userId }, data: { locale: options.locale } });
  if (count === 0) throw new AppError(2002, "The session has expired or ended; sign in again");
  return getAccount(options);
}
