import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

// Checks an HTTP answer against the published OpenAPI document: the status must be documented for the
// operation, the body must match the schema of its media type, and the headers must be present (when
// required) and match theirs. Shared by every contract suite through test/support/http.ts.

export type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components: { headers?: Record<string, HeaderObject>; [k: string]: unknown };
};
type HeaderObject = { required?: boolean; schema?: object; $ref?: string };
type Response = { headers?: Record<string, HeaderObject>; content?: Record<string, { schema?: object }> };
type Operation = { operationId: string; responses: Record<string, Response> };

export type Answer = { method: string; path: string; status: number; headers: Headers; text: string };
export type Verdict = { operation: string | null; problems: string[] };

const DOC_ID = "https://plant.invalid/openapi.json";

const templateRegex = (template: string) => new RegExp("^" + template.replace(/\{[^}]+\}/g, "[^/]+") + "$");

export class OpenApiChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly templates: [string, RegExp][];

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...document, $id: DOC_ID });
    this.templates = Object.keys(document.paths).map((t) => [t, templateRegex(t)]);
  }

  /** Every operation as "METHOD /path". */
  operations(): string[] {
    return Object.entries(this.document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
  }

  private validator(schema: object): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      // A schema from inside the document: its "#/components/…" references point into the document.
      validate = this.ajv.compile(JSON.parse(key.replaceAll('"$ref":"#/', `"$ref":"${DOC_ID}#/`)) as object);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private schemaErrors(schema: object, value: unknown): string[] {
    const validate = this.validator(schema);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  }

  private header(object: HeaderObject): HeaderObject {
    if (!object.$ref) return object;
    return this.document.components.headers?.[object.$ref.split("/").pop()!] ?? {};
  }

  private checkResponse(response: Response, answer: Answer): string[] {
    const problems: string[] = [];
    for (const [name, declared] of Object.entries(response.headers ?? {})) {
      const header = this.header(declared);
      const value = answer.headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`header ${name} is missing`);
      } else if (header.schema) {
        problems.push(...this.schemaErrors(header.schema, value).map((e) => `header ${name}: ${e}`));
      }
    }
    if (!response.content) {
      if (answer.text !== "") problems.push("a body where the document has none");
      return problems;
    }
    const mediaType = answer.headers.get("content-type")?.split(";")[0]?.trim() ?? "";
    const media = response.content[mediaType];
    if (!media) return [...problems, `media type "${mediaType}" is not documented`];
    // A CSV or HTML answer is text: its content is the suite's to check, the document only names its type.
    if (mediaType === "text/csv" || mediaType === "text/html") return problems;
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return [...problems, "the body is not JSON"];
    }
    if (media.schema) problems.push(...this.schemaErrors(media.schema, body).map((e) => `body${e}`));
    return problems;
  }

  check(answer: Answer): Verdict {
    const path = answer.path.split("?", 1)[0]!;
    if (this.isServerAnswer(answer)) return { operation: null, problems: this.checkAgainst(answer, path) };
    const template = this.templates.find(([, regex]) => regex.test(path))?.[0];
    const operation = template ? this.document.paths[template]![answer.method.toLowerCase()] : undefined;
    if (!template || !operation) return { operation: null, problems: this.checkEdge(answer, path) };
    const key = `${answer.method.toUpperCase()} ${template}`;
    const response = operation.responses[String(answer.status)] ?? operation.responses.default;
    if (!response) return { operation: key, problems: [`status ${answer.status} is not documented for ${key}`] };
    const problems = this.checkResponse(response, answer).map((p) => `${key} → ${answer.status}: ${p}`);
    return { operation: key, problems };
  }

  /**
   * What the server answers on any path before a route runs (a request it cannot parse 400, headers too
   * large 431, too slow 408): a problem without `code`, documented once in the introduction.
   */
  private isServerAnswer(answer: Answer): boolean {
    if (![400, 408, 431].includes(answer.status)) return false;
    try {
      return (JSON.parse(answer.text) as { code?: unknown }).code === undefined;
    } catch {
      return true;
    }
  }

  /** Answers outside the operations: unknown API paths (404) and unserved methods (405) are problems too. */
  private checkEdge(answer: Answer, path: string): string[] {
    if (!path.startsWith("/api/") || path.startsWith("/api/auth")) return [];
    if (answer.status !== 404 && answer.status !== 405) return [];
    return this.checkAgainst(answer, path);
  }

  private checkAgainst(answer: Answer, path: string): string[] {
    const schema = { $ref: `#/components/schemas/HttpProblem${answer.status}` };
    return this.checkResponse({ content: { "application/problem+json": { schema } } }, answer).map(
      (p) => `${answer.method} ${path} → ${answer.status}: ${p}`,
    );
  }
}
