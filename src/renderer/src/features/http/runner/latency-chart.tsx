import type { RunReport } from '../../../stores/http-runner.store';
import { formatMs } from './use-http-runner';

const ROW = 22;
const LABEL = 180;
const WIDTH = 560;

/**
 * Per-request latency as bars drawn with SVG: p50 solid, up to p95 lighter, a tick at the max, so the slow
 * request stands out at a glance (the table below has the numbers).
 */
export function LatencyChart({ report }: { report: RunReport }) {
  const requests = report.requests.filter((r) => r.runs > 0);
  if (requests.length === 0) return null;
  const top = Math.max(1, ...requests.map((r) => r.latency.max));
  const scale = (ms: number) => ((WIDTH - LABEL - 70) * ms) / top;
  const height = requests.length * ROW + 8;
  return (
    <figure className="run-chart" data-testid="run-latency-chart">
      <svg
        width={WIDTH}
        height={height}
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label="Latency per request: p50, p95 and max"
      >
        {requests.map((r, i) => {
          const y = i * ROW + 4;
          return (
            <g key={r.index}>
              <title>{`${r.path}: p50 ${formatMs(r.latency.p50)}, p95 ${formatMs(r.latency.p95)}, max ${formatMs(r.latency.max)}`}</title>
              <text x={LABEL - 8} y={y + 13} textAnchor="end" className="run-chart-label">
                {r.name.length > 24 ? `${r.name.slice(0, 23)}…` : r.name}
              </text>
              <rect
                x={LABEL}
                y={y + 3}
                width={Math.max(1, scale(r.latency.p95))}
                height={12}
                className="run-chart-p95"
              />
              <rect
                x={LABEL}
                y={y + 3}
                width={Math.max(1, scale(r.latency.p50))}
                height={12}
                className="run-chart-p50"
              />
              <line
                x1={LABEL + scale(r.latency.max)}
                x2={LABEL + scale(r.latency.max)}
                y1={y + 1}
                y2={y + 17}
                className="run-chart-max"
              />
              <text x={LABEL + scale(r.latency.max) + 6} y={y + 13} className="run-chart-value">
                {formatMs(r.latency.p95)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="field-hint">Bars: p50 (solid) and p95 (light); the tick is the slowest run.</figcaption>
    </figure>
  );
}
