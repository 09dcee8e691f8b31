import { useState, type JSX } from 'react';
import type { RenameCandidate, SchemaChange, SchemaDiff } from '../../../../../shared/contract/designer.contract';
import { IconCopy, IconWarning } from '../../../components/icons';
import { copyText } from '../../results/clipboard';
import { downloadText, migrationStamp } from './download-text';

type View = 'changes' | 'sql' | 'knex';

export interface MigrateReviewProps {
  diff: SchemaDiff;
  renames: { candidate: RenameCandidate; confirmed: boolean }[];
  busy: boolean;
  onToggleRename(candidate: RenameCandidate): void;
}

const KIND_LABELS: Record<SchemaChange['kind'], string> = {
  addTable: 'Add table',
  dropTable: 'Drop table',
  renameTable: 'Rename table',
  addColumn: 'Add column',
  dropColumn: 'Drop column',
  renameColumn: 'Rename column',
  alterColumn: 'Alter column',
  addPrimaryKey: 'Add primary key',
  dropPrimaryKey: 'Drop primary key',
  addIndex: 'Add index',
  dropIndex: 'Drop index',
  addForeignKey: 'Add foreign key',
  dropForeignKey: 'Drop foreign key',
  addCheck: 'Add check',
  dropCheck: 'Drop check',
  addEnum: 'Add enum',
  dropEnum: 'Drop enum',
  alterEnum: 'Alter enum',
  alterTable: 'Alter table',
};

export function renameLabel(candidate: RenameCandidate): string {
  const where = candidate.table === null ? '' : `${candidate.table}.`;
  return `Rename ${candidate.kind} ${where}${candidate.from} → ${where}${candidate.to}`;
}

/** The diff as the user reviews it: the changes (destructive ones marked), rename candidates, SQL and knex. */
export function MigrateReview({ diff, renames, busy, onToggleRename }: MigrateReviewProps): JSX.Element {
  const [view, setView] = useState<View>('changes');
  const [copied, setCopied] = useState<View | null>(null);
  const text = view === 'sql' ? diff.sql : diff.knex;

  if (diff.changes.length === 0 && renames.length === 0) {
    return (
      <p className="migrate-in-sync" role="status">
        No changes.
      </p>
    );
  }

  const tab = (value: View, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={view === value}
      className={`migrate-tab${view === value ? ' migrate-tab-active' : ''}`}
      onClick={() => setView(value)}
    >
      {label}
    </button>
  );

  return (
    <div className="migrate-review">
      <div className="migrate-tabs" role="tablist" aria-label="Migration">
        {tab('changes', `Changes (${diff.changes.length})`)}
        {tab('sql', 'SQL')}
        {tab('knex', 'knex')}
      </div>
      {view === 'changes' ? (
        <div role="tabpanel" className="migrate-panel">
          {renames.length > 0 && (
            <fieldset className="migrate-renames" disabled={busy}>
              <legend>Possible renames (unchecked: drop and add)</legend>
              {renames.map(({ candidate, confirmed }) => (
                <label key={JSON.stringify(candidate)} className="migrate-rename">
                  <input type="checkbox" checked={confirmed} onChange={() => onToggleRename(candidate)} />
                  {renameLabel(candidate)}
                </label>
              ))}
            </fieldset>
          )}
          <ul className="migrate-changes" aria-label="Changes">
            {diff.changes.map((change, i) => (
              <li key={i} className={change.destructive ? 'migrate-change migrate-destructive' : 'migrate-change'}>
                <span className="migrate-change-kind">{KIND_LABELS[change.kind]}</span>{' '}
                <span className="migrate-change-target">
                  {change.table}
                  {change.item !== null && `.${change.item}`}
                </span>{' '}
                <span className="migrate-change-description">{change.description}</span>
                {change.destructive && (
                  <span className="migrate-change-reason">
                    <IconWarning className="icon" /> Destructive{change.reason ? `: ${change.reason}` : ''}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <div role="tabpanel" className="migrate-panel">
          <div className="migrate-code-actions">
            <button
              type="button"
              className="button button-small"
              onClick={() => void copyText(text).then(() => setCopied(view))}
            >
              <IconCopy className="icon" /> {copied === view ? 'Copied' : 'Copy'}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() =>
                view === 'sql'
                  ? downloadText(diff.sql, 'migration.sql', 'application/sql')
                  : downloadText(diff.knex, `${migrationStamp(new Date())}_design.js`, 'text/javascript')
              }
            >
              Download
            </button>
          </div>
          <pre className="migrate-code" aria-label={view === 'sql' ? 'Migration SQL' : 'Migration knex file'}>
            {text}
          </pre>
        </div>
      )}
    </div>
  );
}
