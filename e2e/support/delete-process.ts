// Deletes one process through the data layer, as another operator or a script would meanwhile (tests only).
import { db } from "@/lib/db/client";

const id = Number(process.argv[2]);
if (!Number.isInteger(id)) throw new Error(`usage: delete-process.ts <id>, not ${process.argv[2]}`);
await db.process.delete({ where: { id } });
await db.$disconnect();
