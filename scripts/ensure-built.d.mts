/** The repository root. */
export const repoRoot: string;
/** Why a build is needed, or null when out/ is current. */
export function buildReason(root?: string): string | null;
/** Runs the build when needed; true when the build is (now) current. */
export function ensureBuilt(options?: { root?: string; log?: (line: string) => void }): boolean;
