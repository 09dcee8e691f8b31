import { useState } from 'react';
import type { Engine } from '../../../../shared/domain';
import { FormDialog, NameField } from '../../components/form-dialog';
import { stores } from '../../stores/app-stores';
import { designPathFromName, freeDesignPath, openDesignTab } from './open-design';

export const DIALECT_LABEL: Record<Engine, string> = {
  sqlite: 'SQLite',
  postgres: 'PostgreSQL',
  mysql: 'MySQL / MariaDB',
};

function DialectSelect({ value, onChange }: { value: Engine; onChange(value: Engine): void }) {
  return (
    <label className="designer-field">
      <span>Dialect (types and DDL)</span>
      <select
        className="select"
        value={value}
        data-testid="design-dialect"
        onChange={(e) => onChange(e.target.value as Engine)}
      >
        {(Object.keys(DIALECT_LABEL) as Engine[]).map((engine) => (
          <option key={engine} value={engine}>
            {DIALECT_LABEL[engine]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Name and dialect of a new, empty design; it opens once made. */
export function NewDesignDialog({ onClose }: { onClose(): void }) {
  const [name, setName] = useState('');
  const [dialect, setDialect] = useState<Engine>('postgres');
  const submit = async () => {
    const path = await stores.designer
      .getState()
      .createDesign({ path: freeDesignPath(designPathFromName(name)), dialect });
    if (path) {
      onClose();
      openDesignTab(path);
    }
  };
  return (
    <FormDialog
      title="New schema design"
      confirmLabel="Create"
      canSubmit={name.trim() !== ''}
      onSubmit={submit}
      onClose={onClose}
      width={420}
      formClassName="designer-form"
      data-testid="new-design-dialog"
      confirmTestId="new-design-create"
    >
      <NameField
        className="designer-field"
        value={name}
        placeholder="Shop"
        data-testid="new-design-name"
        onChange={setName}
      />
      <DialectSelect value={dialect} onChange={setDialect} />
      <p className="designer-hint">
        Saved as <code>designs/{designPathFromName(name || 'design')}</code>, a DBML file with its layout beside it.
      </p>
    </FormDialog>
  );
}

/** A new design from DBML or a SQL dump, pasted or read from a file picked here. */
export function ImportDesignDialog({ onClose }: { onClose(): void }) {
  const [name, setName] = useState('');
  const [dialect, setDialect] = useState<Engine>('postgres');
  const [format, setFormat] = useState<'dbml' | 'sql'>('sql');
  const [text, setText] = useState('');
  const submit = async () => {
    const path = await stores.designer
      .getState()
      .importDesign({ path: freeDesignPath(designPathFromName(name || 'imported')), text, format, dialect });
    if (path) {
      onClose();
      openDesignTab(path);
    }
  };
  return (
    <FormDialog
      title="Import a design"
      confirmLabel="Import"
      canSubmit={text.trim() !== ''}
      onSubmit={submit}
      onClose={onClose}
      width={560}
      formClassName="designer-form"
      data-testid="import-design-dialog"
      confirmTestId="import-design-submit"
    >
      <div className="designer-form-row">
        <NameField
          className="designer-field designer-field-wide"
          value={name}
          placeholder="imported"
          data-testid="import-design-name"
          onChange={setName}
        />
        <label className="designer-field">
          <span>Format</span>
          <select className="select" value={format} onChange={(e) => setFormat(e.target.value as 'dbml' | 'sql')}>
            <option value="sql">SQL (CREATE statements)</option>
            <option value="dbml">DBML</option>
          </select>
        </label>
      </div>
      <DialectSelect value={dialect} onChange={setDialect} />
      <label className="designer-field">
        <span>Text</span>
        <textarea
          className="input input-mono designer-import-text"
          value={text}
          spellCheck={false}
          placeholder={
            format === 'sql'
              ? 'CREATE TABLE customers (id integer PRIMARY KEY, …);'
              : 'Table customers {\n  id integer [pk]\n}'
          }
          data-testid="import-design-text"
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <label className="designer-field">
        <span>…or read a file</span>
        <input
          type="file"
          accept=".sql,.dbml,.txt"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            if (/\.dbml$/i.test(file.name)) setFormat('dbml');
            if (!name) setName(file.name.replace(/\.(sql|dbml|txt)$/i, ''));
            void file.text().then(setText);
          }}
        />
      </label>
    </FormDialog>
  );
}
