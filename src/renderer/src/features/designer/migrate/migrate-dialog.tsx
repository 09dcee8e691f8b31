import type { JSX } from 'react';
import type { SchemaChange } from '../../../../../shared/contract/designer.contract';
import type { Design } from '../../../../../shared/design';

export interface MigrateDialogProps {
  design: Design;
  /** The connection offered first (the one the design was pulled from, when known). */
  defaultConnectionId: string | null;
  /** The differences found (null when the dialog closes), for the canvas overlay. */
  onChanges(changes: SchemaChange[] | null): void;
  onClose(): void;
}

/**
 * Compare the design with a live database, review the changes and the migration (SQL / knex), confirm renames and
 * destructive steps, apply with progress. Helper "designer-tools" builds it.
 */
export function MigrateDialog(props: MigrateDialogProps): JSX.Element {
  return (
    <div role="dialog">
      Comparing is not built yet. <button onClick={props.onClose}>Close</button>
    </div>
  );
}
