import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listTarMembers, tarEnd, tarHeader, tarPadding } from "@/lib/ops/backup/tar";
import { pruneBackups } from "@/lib/ops/backup/schedule";

const dir = mkdtempSync(path.join(tmpdir(), "tar-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function archive(members: [string, Buffer][]): Buffer {
  const at = new Date("2026-12-07T00:00:00Z");
  return Buffer.concat([
    ...members.flatMap(([name, data]) => [tarHeader(name, data.length, at), data, tarPadding(data.length)]),
    tarEnd(),
  ]);
}

describe("the backup's tar", () => {
  it("lists what it wrote, and the system's tar reads the same members and bytes", () => {
    const file = path.join(dir, "two.tar");
    const payload = Buffer.alloc(1500, 7);
    writeFileSync(
      file,
      archive([
        ["manifest.json", Buffer.from('{"a":1}')],
        ["database.sqlite", payload],
      ]),
    );
    expect(listTarMembers(file)).toEqual([
      { name: "manifest.json", offset: 512, size: 7 },
      { name: "database.sqlite", offset: 1536, size: 1500 },
    ]);
    expect(execFileSync("tar", ["-tf", file]).toString()).toBe("manifest.json\ndatabase.sqlite\n");
    expect(execFileSync("tar", ["-xOf", file, "database.sqlite"]).equals(payload)).toBe(true);
  });

  it.each([
    ["text that is no tar", Buffer.from("hello ".repeat(200)), /not a tar archive/],
    ["a header cut short", archive([["a", Buffer.alloc(10)]]).subarray(0, 300), /cut short/],
    [
      "a header with a changed byte",
      (() => {
        const b = archive([["manifest.json", Buffer.from("{}")]]);
        b[3] = 0x41;
        return b;
      })(),
      /not a tar archive/,
    ],
  ])("refuses %s", (_, bytes, message) => {
    const file = path.join(dir, "bad.tar");
    writeFileSync(file, bytes);
    expect(() => listTarMembers(file)).toThrow(message);
  });
});

describe("scheduled backups' pruning", () => {
  it("keeps the newest BACKUP_KEEP backups and leaves other files alone", async () => {
    const folder = mkdtempSync(path.join(dir, "keep-"));
    const names = [
      "processes-20261201T000000Z.tar",
      "processes-20261203T000000Z.tar",
      "processes-20261202T000000Z.tar",
    ];
    for (const n of [...names, "notes.txt", "processes-manual.tar"]) writeFileSync(path.join(folder, n), "x");
    expect(await pruneBackups(folder, 2)).toEqual(["processes-20261201T000000Z.tar"]);
    expect(execFileSync("ls", [folder]).toString().trim().split("\n")).toEqual([
      "notes.txt",
      "processes-20261202T000000Z.tar",
      "processes-20261203T000000Z.tar",
      "processes-manual.tar",
    ]);
  });
});
