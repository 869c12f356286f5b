import { closeSync, openSync, readSync } from "node:fs";

// A backup is a plain POSIX tar (ustar) of two members, so `tar -tvf` lists it and `tar -xf` unpacks it with no
// tool of ours: manifest.json first (read without reading the database), then the database copy.

const BLOCK = 512;
const OCTAL_LIMIT = 8 ** 11; // sizes from 8 GiB up take GNU's base-256 form

function field(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value, offset, length, "ascii");
}

function encodeSize(header: Buffer, size: number): void {
  if (size < OCTAL_LIMIT) return field(header, 124, 12, size.toString(8).padStart(11, "0") + "\0");
  header[124] = 0x80;
  let rest = BigInt(size);
  for (let i = 135; i > 124; i--, rest >>= 8n) header[i] = Number(rest & 0xffn);
}

/** The 512-byte ustar header of a regular file. */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar member name too long: ${name}`);
  const header = Buffer.alloc(BLOCK);
  field(header, 0, 100, name);
  field(header, 100, 8, "0000644\0");
  field(header, 108, 8, "0000000\0");
  field(header, 116, 8, "0000000\0");
  encodeSize(header, size);
  field(
    header,
    136,
    12,
    Math.floor(mtime.getTime() / 1000)
      .toString(8)
      .padStart(11, "0") + "\0",
  );
  field(header, 148, 8, "        ");
  field(header, 156, 1, "0");
  field(header, 257, 8, "ustar\x0000");
  let sum = 0;
  for (const byte of header) sum += byte;
  field(header, 148, 8, sum.toString(8).padStart(6, "0") + "\0 ");
  return header;
}

/** Zero bytes that end a member of `size` bytes on a block boundary. */
export const tarPadding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** The two zero blocks that end an archive. */
export const tarEnd = () => Buffer.alloc(BLOCK * 2);

export type TarMember = { name: string; offset: number; size: number };

function decodeSize(header: Buffer): number {
  if (header[124]! & 0x80) {
    let size = 0n;
    for (let i = 125; i < 136; i++) size = (size << 8n) | BigInt(header[i]!);
    return Number(size);
  }
  return parseInt(header.toString("ascii", 124, 136).replace(/\0.*$/s, "").trim() || "0", 8);
}

/** The members of a tar file (name, where its bytes start, how many); throws on anything that is not a tar. */
export function listTarMembers(file: string): TarMember[] {
  const fd = openSync(file, "r");
  try {
    const members: TarMember[] = [];
    const header = Buffer.alloc(BLOCK);
    let position = 0;
    for (;;) {
      if (readSync(fd, header, 0, BLOCK, position) < BLOCK) throw new Error("not a backup: the archive is cut short");
      if (header.every((b) => b === 0)) return members;
      const stored = parseInt(header.toString("ascii", 148, 156).replace(/\0.*$/s, "").trim(), 8);
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
      if (stored !== sum) throw new Error("not a backup: not a tar archive, or a damaged one");
      const name = header.toString("utf8", 0, 100).replace(/\0.*$/s, "");
      const size = decodeSize(header);
      members.push({ name, offset: position + BLOCK, size });
      position += BLOCK + size + tarPadding(size).length;
    }
  } finally {
    closeSync(fd);
  }
}
