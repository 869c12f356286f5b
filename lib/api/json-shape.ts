/** JSON nested deeper than this is refused before it is parsed: legitimate bodies here nest 3 levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * More array elements and object members than this are refused before parsing: the largest valid body
 * (10,000 processes of three members) has about 40,000; a parser and a validator fed millions would spend
 * seconds on one request.
 */
export const MAX_JSON_VALUES = 100_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/**
 * Checks the shape of JSON bytes as they arrive, without parsing: nesting depth and the number of values
 * (counted by their separators). Brackets and commas inside strings do not count. Works on UTF-8 bytes
 * directly, since these characters never occur inside a multi-byte sequence.
 */
export class JsonShapeCheck {
  private depth = 0;
  private separators = 0;
  private inString = false;
  private escaped = false;

  constructor(private readonly limits = { depth: MAX_JSON_DEPTH, values: MAX_JSON_VALUES }) {}

  /** Feeds the next bytes; returns what is wrong as soon as it is known, else null. */
  feed(bytes: Uint8Array): string | null {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) this.inString = false;
      } else if (b === QUOTE) this.inString = true;
      else if (b === 0x5b || b === 0x7b) {
        if (++this.depth > this.limits.depth) return `JSON nesting deeper than ${this.limits.depth} levels`;
      } else if (b === 0x5d || b === 0x7d) this.depth--;
      else if (b === COMMA && ++this.separators >= this.limits.values)
        return `JSON with more than ${this.limits.values} values (array elements and object members)`;
    }
    return null;
  }
}

type Frame = { members: Set<string> | null; key: string; index: number; expectKey: boolean };

// The characters that matter between values; strings are skipped whole.
const STRUCTURE = /[{}[\],"]/g;
const STRING = /"[^"\\]*(?:\\.[^"\\]*)*"/y;

const pointerToken = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * The JSON Pointer of the first object member whose name appears twice in its object, or null. JSON.parse
 * keeps the last one silently; RFC 8259 leaves such text's meaning open, so it is refused. `text` must be
 * valid JSON (parse it first). One pass, skipping strings and numbers by regular expressions.
 */
export function duplicateMemberPointer(text: string): string | null {
  const stack: Frame[] = [];
  STRUCTURE.lastIndex = 0;
  for (let match = STRUCTURE.exec(text); match; match = STRUCTURE.exec(text)) {
    const top = stack.at(-1);
    switch (match[0]) {
      case '"': {
        STRING.lastIndex = match.index;
        const raw = STRING.exec(text)![0];
        STRUCTURE.lastIndex = match.index + raw.length;
        if (top?.members && top.expectKey) {
          const key = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
          if (top.members.has(key)) {
            const path = stack.slice(0, -1).map((f) => (f.members ? pointerToken(f.key) : String(f.index)));
            return `/${[...path, pointerToken(key)].join("/")}`;
          }
          top.members.add(key);
          top.key = key;
          top.expectKey = false;
        }
        break;
      }
      case "{":
        stack.push({ members: new Set(), key: "", index: 0, expectKey: true });
        break;
      case "[":
        stack.push({ members: null, key: "", index: 0, expectKey: false });
        break;
      case "}":
      case "]":
        stack.pop();
        break;
      default: // ","
        if (top?.members) top.expectKey = true;
        else if (top) top.index++;
    }
  }
  return null;
}
