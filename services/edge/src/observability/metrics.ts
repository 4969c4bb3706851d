// Prometheus text-format counters and latency histograms, kept in memory per edge process.
const BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

type Labels = Record<string, string>;

function labelKey(labels: Labels): string {
  const parts = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

export interface EdgeMetrics {
  count(name: string, labels?: Labels): void;
  observe(name: string, seconds: number, labels?: Labels): void;
  gauge(name: string, read: () => number): void;
  render(): string;
}

export function createMetrics(): EdgeMetrics {
  const counters = new Map<string, Map<string, number>>();
  const histograms = new Map<string, Map<string, { buckets: number[]; sum: number; count: number }>>();
  const gauges = new Map<string, () => number>();
  return {
    count(name, labels = {}) {
      const series = counters.get(name) ?? new Map<string, number>();
      counters.set(name, series);
      const key = labelKey(labels);
      series.set(key, (series.get(key) ?? 0) + 1);
    },
    observe(name, seconds, labels = {}) {
      const series = histograms.get(name) ?? new Map();
      histograms.set(name, series);
      const key = labelKey(labels);
      const h = series.get(key) ?? { buckets: BUCKETS_SECONDS.map(() => 0), sum: 0, count: 0 };
      series.set(key, h);
      BUCKETS_SECONDS.forEach((le, i) => {
        if (seconds <= le) h.buckets[i] = (h.buckets[i] ?? 0) + 1;
      });
      h.sum += seconds;
      h.count += 1;
    },
    gauge(name, read) {
      gauges.set(name, read);
    },
    render() {
      const lines: string[] = [];
      for (const [name, series] of counters) {
        lines.push(`# TYPE ${name} counter`);
        for (const [key, value] of series) lines.push(`${name}${key} ${value}`);
      }
      for (const [name, series] of histograms) {
        lines.push(`# TYPE ${name} histogram`);
        for (const [key, h] of series) {
          const inner = key.slice(1, -1);
          const join = (extra: string) => `{${inner ? `${inner},` : ''}${extra}}`;
          BUCKETS_SECONDS.forEach((le, i) => {
            lines.push(`${name}_bucket${join(`le="${le}"`)} ${h.buckets[i]}`);
          });
          lines.push(`${name}_bucket${join('le="+Inf"')} ${h.count}`);
          lines.push(`${name}_sum${key} ${h.sum}`);
          lines.push(`${name}_count${key} ${h.count}`);
        }
      }
      for (const [name, read] of gauges) {
        lines.push(`# TYPE ${name} gauge`, `${name} ${read()}`);
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
