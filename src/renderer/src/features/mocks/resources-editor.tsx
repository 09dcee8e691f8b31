import type { MockDefinition, MockResource } from '../../../../shared/mock-definition';
import { useState } from 'react';
import { IconChevronDown, IconChevronRight } from '../../components/icons';
import { useConnections } from '../../stores/app-stores';
import { newResource, setResources, updateResource } from '../../stores/mock-edits-form';
import { EditableRows } from './editable-rows';
import { FieldIssue } from './field-issues';

/** Saved connection names, joined into one string so the selector's value compares equal between renders. */
const selectConnectionNames = (s: { connections: readonly { name: string }[] }) =>
  s.connections.map((c) => c.name).join('\n');

function ResourceFields({
  resource,
  index,
  connections,
  onPatch,
}: {
  resource: MockResource;
  index: number;
  connections: string[];
  onPatch(patch: Partial<MockResource>): void;
}) {
  const known = connections.includes(resource.connection);
  const at = `resources.${index}`;
  return (
    <>
      <span className="mock-resource-field mock-resource-path">
        <input
          className="input input-mono"
          aria-label={`Resource ${index + 1} path`}
          placeholder="/items"
          data-testid="mock-resource-path"
          value={resource.path}
          onChange={(e) => onPatch({ path: e.target.value })}
        />
        <FieldIssue path={`${at}.path`} />
      </span>
      <span className="mock-resource-field">
        <select
          className="select"
          aria-label={`Resource ${index + 1} connection`}
          data-testid="mock-resource-connection"
          value={resource.connection}
          onChange={(e) => onPatch({ connection: e.target.value })}
        >
          {resource.connection === '' && <option value="">choose a connection…</option>}
          {!known && resource.connection !== '' && (
            <option value={resource.connection}>{resource.connection} (not saved here)</option>
          )}
          {connections.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <FieldIssue path={`${at}.connection`} />
      </span>
      <span className="mock-resource-field mock-resource-schema">
        <input
          className="input input-mono"
          aria-label={`Resource ${index + 1} schema`}
          placeholder="default schema"
          value={resource.schema ?? ''}
          onChange={(e) => onPatch({ schema: e.target.value })}
        />
      </span>
      <span className="mock-resource-field">
        <input
          className="input input-mono"
          aria-label={`Resource ${index + 1} table`}
          placeholder="table"
          data-testid="mock-resource-table"
          value={resource.table}
          onChange={(e) => onPatch({ table: e.target.value })}
        />
        <FieldIssue path={`${at}.table`} />
      </span>
      <label className="mock-inline" title="Answer GET only; POST, PUT, PATCH and DELETE get 405">
        <input
          type="checkbox"
          data-testid="mock-resource-readonly"
          checked={resource.readOnly === true}
          onChange={(e) => onPatch({ readOnly: e.target.checked })}
        />
        read-only
      </label>
    </>
  );
}

/**
 * The tables the mock serves as REST resources (what no route answers): path, the saved connection by name, its
 * schema and table, and read-only; rows added and removed here, or by "Serve as REST API" in the Schema panel.
 */
export function ResourcesEditor({ definition, edit }: { definition: MockDefinition; edit(d: MockDefinition): void }) {
  const names = useConnections(selectConnectionNames);
  const connections = names === '' ? [] : names.split('\n');
  const resources = definition.resources ?? [];
  // folded to one line, the route editor below gets the room
  const [folded, setFolded] = useState(false);
  return (
    <div className="mock-resources" data-testid="mock-resources">
      <button
        type="button"
        className="mock-fold"
        aria-expanded={!folded}
        title={folded ? 'Show the REST resources' : 'Fold the REST resources to give the routes room'}
        data-testid="mock-resources-fold"
        onClick={() => setFolded(!folded)}
      >
        {folded ? <IconChevronRight size={12} /> : <IconChevronDown size={12} />}
        <span className="mock-section-title">REST resources</span>
        {resources.length === 0 ? (
          <span className="mock-hint">none: serve a table of a saved connection at a path</span>
        ) : (
          folded && <span className="mock-hint">{resources.map((r) => r.path).join(' · ')}</span>
        )}
      </button>
      {!folded && (
        <EditableRows<MockResource>
          items={resources}
          onChange={(next) => edit(setResources(definition, next))}
          noun="resource"
          rowName={(r, i) => r.path || String(i + 1)}
          className="mock-resource-grid"
          rowClassName="mock-resource-row"
          header={
            <>
              <span>Path</span>
              <span>Connection</span>
              <span>Schema</span>
              <span>Table</span>
              <span>Access</span>
            </>
          }
          newItem={(items) => newResource(items, connections[0])}
          renderRow={(resource, index) => (
            <ResourceFields
              resource={resource}
              index={index}
              connections={connections}
              onPatch={(patch) => edit(updateResource(definition, index, patch))}
            />
          )}
        />
      )}
    </div>
  );
}
