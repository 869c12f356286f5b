// The closed table of API error codes: code → HTTP status → title (the contract's wording, verbatim).
export const ERROR_CODES = {
  1001: { status: 400, title: "Incorrect data" },
  1005: { status: 404, title: "Resource with this id is not exists" },
  1006: { status: 503, title: "Error access to database" },
  // 409 for a stale body `version`; 412 (the status option) for a failed If-Match.
  1007: { status: 409, title: "Resource has been changed since it was read" },
  2002: { status: 401, title: "Access token expired" },
  2004: { status: 401, title: "No access token" },
  // A change a rule forbids (the last active Super user, one's own access, a directory-managed role): issue 20.
  1008: { status: 409, title: "The change is refused by a rule" },
  3001: { status: 403, title: "Access to this resource is denied" },
  6001: { status: 429, title: "Too many requests. Try again later" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A code from the table (a problem's `code` arrives as any number, or none). */
export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === "number" && Object.hasOwn(ERROR_CODES, value);

/** One invalid field, as a JSON Pointer (RFC 6901) into the request body. */
export type FieldError = { pointer: string; detail: string };

export type AppErrorOptions = {
  /** Overrides the table's status where the code has a more precise HTTP answer (413 for 1001). */
  status?: number;
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** The current state of what the request meant to change (1007's `current`). */
  current?: unknown;
  cause?: unknown;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly errors?: FieldError[];
  readonly headers: Record<string, string>;
  readonly current?: unknown;

  constructor(code: ErrorCode, detail: string, options: AppErrorOptions = {}) {
    super(detail, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = options.status ?? ERROR_CODES[code].status;
    this.title = ERROR_CODES[code].title;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.current = options.current;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
