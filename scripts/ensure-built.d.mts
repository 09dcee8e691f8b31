/** The repository root. */
export const repoRoot: string;
/**
 * Why a build is needed, or null when out/ is current. `mainOnly`: compare only the sources of out/main (for a
 * command that runs nothing else, `backbench query`).
 */
export function buildReason(root?: string, options?: { mainOnly?: boolean }): string | null;
/** Runs the build when needed; true when the build is (now) current. */
export function ensureBuilt(options?: { root?: string; mainOnly?: boolean; log?: (line: string) => void }): boolean;
