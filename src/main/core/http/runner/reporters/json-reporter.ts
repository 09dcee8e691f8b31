/** The JSON reporter: the run's final report (run-types.ts RunReport), indented. */
import type { RunReport } from '../run-types';

export function jsonReport(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
