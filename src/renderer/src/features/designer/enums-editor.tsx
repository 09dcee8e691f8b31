import type { Design } from '../../../../shared/design';
import { IconPlus, IconTrash } from '../../components/icons';
import { stores } from '../../stores/app-stores';
import { addEnum, deleteEnum, updateEnum } from '../../stores/design-edits';
import { CommitInput } from './commit-input';

/** PostgreSQL enum types of the design: name and values (a column uses one by naming it as its type). */
export function EnumsEditor({ path, design }: { path: string; design: Design }) {
  const edit = stores.designer.getState().edit;
  return (
    <section className="design-section" aria-label="Enums" data-testid="enums-editor">
      <header>
        <h3>Enum types</h3>
        <button type="button" className="button button-small" onClick={() => edit(path, (s) => addEnum(s))}>
          <IconPlus /> Enum
        </button>
      </header>
      {design.enums.length === 0 && (
        <p className="designer-hint">
          An enum type lists the values a column may hold; use its name as the column’s type.
        </p>
      )}
      {design.enums.map((e, at) => (
        <div className="design-column-line" key={at}>
          <CommitInput
            className="input input-mono"
            value={e.name}
            aria-label="Enum name"
            onCommit={(name) => name.trim() && edit(path, (s) => updateEnum(s, at, { name: name.trim() }))}
          />
          <CommitInput
            className="input input-mono"
            value={e.values.join(', ')}
            aria-label={`Values of ${e.name}`}
            title="Values, comma-separated"
            onCommit={(text) => {
              const values = text
                .split(',')
                .map((v) => v.trim())
                .filter(Boolean);
              if (values.length > 0) edit(path, (s) => updateEnum(s, at, { values }));
            }}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Delete enum ${e.name}`}
            onClick={() => edit(path, (s) => deleteEnum(s, at))}
          >
            <IconTrash />
          </button>
        </div>
      ))}
    </section>
  );
}
