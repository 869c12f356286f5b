import "server-only";
import type { Process } from "@/lib/validations/process";

type ProcessRow = {
  id: number;
  name: string;
  comment: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export const PROCESS_SELECT = {
  id: true,
  name: true,
  comment: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

export function toProcess(row: ProcessRow): Process {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
