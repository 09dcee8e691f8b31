import { safetyOf } from '../../../shared/connection-safety';
import type { ConnectionParams } from '../../../shared/domain';

const TEXT = { readOnly: 'read-only', production: 'production' } as const;
const TITLE = {
  readOnly: 'Read-only: nothing can be changed through this connection',
  production: 'Production: every statement that may change data asks first',
} as const;

/** The coloured marker of a connection marked read-only or production (nothing for a normal one). */
export function SafetyMarker({ params, className = '' }: { params: ConnectionParams; className?: string }) {
  const safety = safetyOf(params);
  if (safety === 'normal') return null;
  return (
    <span
      className={`badge safety-badge safety-${safety} ${className}`.trim()}
      title={TITLE[safety]}
      data-testid="safety-marker"
      data-safety={safety}
    >
      {TEXT[safety]}
    </span>
  );
}
