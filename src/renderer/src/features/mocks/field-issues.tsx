import { createContext, useContext } from 'react';

/**
 * Why the last save from the form was refused, by the field's path in the definition (`routes.0.responses.0.
 * bodyFile`): the core's own messages, shown beside the field as well as above the form.
 */
export const FieldIssuesContext = createContext<Record<string, string>>({});

/** The core's message for a field of the definition, under it; nothing when the field was not refused. */
export function FieldIssue({ path }: { path: string }) {
  const message = useContext(FieldIssuesContext)[path];
  if (!message) return null;
  return (
    <span className="mock-field-issue" role="alert" data-testid="mock-field-issue" data-path={path}>
      {message}
    </span>
  );
}
