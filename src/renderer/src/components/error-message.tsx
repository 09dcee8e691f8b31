import type { AppErrorShape } from '../../../shared/errors';
import { IconWarning } from './icons';

export interface ErrorMessageProps {
  error: Pick<AppErrorShape, 'code' | 'message'>;
  'data-testid'?: string;
  compact?: boolean;
}

/** An error as the user sees it everywhere: its ErrorCode and the message (rendered as text). */
export function ErrorMessage({ error, compact, ...rest }: ErrorMessageProps) {
  return (
    <div
      className={`error-message${compact ? ' error-message-compact' : ''}`}
      role="alert"
      data-testid={rest['data-testid']}
    >
      <IconWarning className="icon error-message-icon" />
      <div>
        <code className="error-code">{error.code}</code> <span className="error-text">{error.message}</span>
      </div>
    </div>
  );
}
