import { useId, type JSX } from 'react';
import type { LiveSchema } from '../../../../../shared/contract/designer.contract';
import type { Engine } from '../../../../../shared/domain';
import { stores, useConnections, useSchema } from '../../../stores/app-stores';

export interface LiveSchemaPickerProps {
  label: string;
  value: LiveSchema | null;
  /** Only connections of this engine are offered (a migration is made between schemas of one engine). */
  engine: Engine | null;
  onChange(value: LiveSchema | null): void;
}

/** Picks a saved connection and one of its schemas (the connection's default schema unless another is chosen). */
export function LiveSchemaPicker({ label, value, engine, onChange }: LiveSchemaPickerProps): JSX.Element {
  const id = useId();
  const connections = useConnections((s) => s.connections);
  const tree = useSchema((s) => (value ? s.schemaByConnection[value.connectionId] : undefined));
  const offered = connections.filter((c) => engine === null || c.params.engine === engine);
  const schemas = (tree?.schemas ?? []).flatMap((s) =>
    s.name === null || s.name === tree?.defaultSchema ? [] : [s.name],
  );

  const choose = (connectionId: string) => {
    if (!connectionId) return onChange(null);
    onChange({ connectionId, schema: null });
    // the schema list comes with the connection's tree
    const state = stores.connections.getState();
    if (state.statusById[connectionId]?.state === 'connected') void stores.schema.getState().loadSchema(connectionId);
    else void state.connect(connectionId);
  };

  return (
    <fieldset className="migrate-picker">
      <legend>{label}</legend>
      <label htmlFor={`${id}-connection`}>Connection</label>
      <select
        id={`${id}-connection`}
        className="select"
        value={value?.connectionId ?? ''}
        onChange={(event) => choose(event.target.value)}
      >
        <option value="">Choose a connection…</option>
        {offered.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.params.engine})
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-schema`}>Schema</label>
      <select
        id={`${id}-schema`}
        className="select"
        disabled={!value}
        value={value?.schema ?? ''}
        onChange={(event) => value && onChange({ ...value, schema: event.target.value || null })}
      >
        <option value="">{tree?.defaultSchema ? `${tree.defaultSchema} (default)` : 'Default schema'}</option>
        {schemas.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      {offered.length === 0 && (
        <p className="migrate-note">No saved {engine ?? ''} connection: add one in Connections.</p>
      )}
    </fieldset>
  );
}
