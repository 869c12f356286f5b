import parsePrometheusTextFormat, { type PromFamily, type PromSample } from "parse-prometheus-text-format";

// GET /metrics read as Prometheus reads it: the text format parsed by a parser of its own (not ours).

export type Scrape = {
  families: PromFamily[];
  /** The sample of `name` whose labels include `labels`: its value (a counter or gauge), or its count (a histogram); 0 when absent. */
  value: (name: string, labels?: Record<string, string>) => number;
  sample: (name: string, labels?: Record<string, string>) => PromSample | undefined;
  /**
   * The `_count` of a labelled histogram's series: the parser keeps only one series per histogram (it merges
   * them, dropping their labels), so these lines are read as they stand.
   */
  histogramCount: (name: string, labels: Record<string, string>) => number;
};

function labelsOf(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
}

export async function scrapeMetrics(baseUrl: string, headers: Record<string, string>): Promise<Scrape> {
  const res = await fetch(`${baseUrl}/metrics`, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}: ${text}`);
  if (!res.headers.get("content-type")?.startsWith("text/plain; version=0.0.4"))
    throw new Error(`GET /metrics: content type ${res.headers.get("content-type")}`);
  const families = parsePrometheusTextFormat(text);
  const sample = (name: string, labels: Record<string, string> = {}) =>
    families
      .find((f) => f.name === name)
      ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  const value = (name: string, labels: Record<string, string> = {}) => {
    const s = sample(name, labels);
    return Number(s?.value ?? s?.count ?? 0);
  };
  const histogramCount = (name: string, labels: Record<string, string>) => {
    for (const line of text.split("\n")) {
      const match = new RegExp(`^${name}_count\\{(.*)\\} (\\S+)$`).exec(line);
      const found = match ? labelsOf(match[1]!) : null;
      if (found && Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match![2]);
    }
    return 0;
  };
  return { families, value, sample, histogramCount };
}
