import parsePrometheusTextFormat, { type PromFamily, type PromSample } from "parse-prometheus-text-format";

// GET /metrics read as Prometheus reads it: the text format parsed by a parser of its own (not ours).

export type Scrape = {
  families: PromFamily[];
  /** The sample of `name` whose labels include `labels`: its value (a counter or gauge), or its count (a histogram); 0 when absent. */
  value: (name: string, labels?: Record<string, string>) => number;
  sample: (name: string, labels?: Record<string, string>) => PromSample | undefined;
};

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
  return { families, value, sample };
}
