import type { ReactNode } from 'react';

export interface EmptyStateProps {
  icon?: ReactNode;
  title: string;
  /** One sentence telling the user what to do next. */
  hint?: ReactNode;
  action?: ReactNode;
  'data-testid'?: string;
}

/** What a panel shows when it has nothing yet, always with the next step. */
export function EmptyState({ icon, title, hint, action, ...rest }: EmptyStateProps) {
  return (
    <div className="empty-state" data-testid={rest['data-testid']}>
      {icon && <div className="empty-state-icon">{icon}</div>}
      <div className="empty-state-title">{title}</div>
      {hint && <div className="empty-state-hint">{hint}</div>}
      {action && <div className="empty-state-action">{action}</div>}
    </div>
  );
}
