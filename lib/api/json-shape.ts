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
