import { useEffect, useState } from 'react';
import type { MockDefinition } from '../../../../shared/mock-definition';
import { EmptyState } from '../../components/empty-state';
import { IconChevronDown, IconCopy, IconPlus, IconTrash } from '../../components/icons';
import { Spinner } from '../../components/spinner';
import { comboText } from '../../app/key-combos';
import { stores, useMocks, useTabs, useUi } from '../../stores/app-stores';
import {
  addRoute,
  deleteRoute,
  duplicateRoute,
  moveRoute,
  toggleDefaultResponse,
  updateRoute,
} from '../../stores/mock-edits';
import { openHttpTab } from '../http/open-http-tab';
import { IconHttp } from '../http/http-icon';
import { ExportOpenApiButton } from './export-openapi-button';
import { MockRunButton, MockStatusDot } from './mocks-panel';
import { RequestLog } from './request-log';
import { FieldIssuesContext } from './field-issues';
import { LatencyInput } from './latency-input';
import { ResourcesEditor } from './resources-editor';
import { RouteEditor } from './route-editor';
import { TextEditor } from './text-editor';
import './mock-form.css';

function Settings({ definition, edit }: { definition: MockDefinition; edit(d: MockDefinition): void }) {
  return (
    <div className="mock-settings" data-testid="mock-settings">
      <label className="mock-field mock-field-wide">
        <span>Name</span>
        <input
          className="input"
          data-testid="mock-setting-name"
          value={definition.name}
          onChange={(e) => edit({ ...definition, name: e.target.value })}
        />
      </label>
      <label className="mock-field mock-field-narrow">
        <span>Port</span>
        <input
          className="input"
          type="number"
          min={0}
          max={65535}
          data-testid="mock-setting-port"
          value={definition.port}
          onChange={(e) => edit({ ...definition, port: Number(e.target.value) })}
        />
      </label>
      <label className="mock-field">
        <span>Prefix</span>
        <input
          className="input input-mono"
          placeholder="/api"
          data-testid="mock-setting-prefix"
          value={definition.prefix ?? ''}
          onChange={(e) => {
            const { prefix: _old, ...rest } = definition;
            edit(e.target.value ? { ...rest, prefix: e.target.value } : rest);
          }}
        />
      </label>
      <label className="mock-field">
        <span>Latency (all routes)</span>
        <LatencyInput
          label="Global latency"
          value={definition.latency}
          onChange={(latency) => {
            const { latency: _old, ...rest } = definition;
            edit(latency === undefined ? rest : { ...rest, latency });
          }}
        />
      </label>
      <label className="mock-inline">
        <input
          type="checkbox"
          checked={definition.cors === true}
          onChange={(e) => {
            const { cors: _old, ...rest } = definition;
            edit(e.target.checked ? { ...rest, cors: true } : rest);
          }}
        />
        CORS
      </label>
    </div>
  );
}

function RouteList({
  definition,
  selected,
  onSelect,
  edit,
  runningUrl,
}: {
  definition: MockDefinition;
  selected: number;
  onSelect(index: number): void;
  edit(d: MockDefinition): void;
  /** The running mock's URL (its prefix included): each route then offers a request to itself. */
  runningUrl: string | null;
}) {
  return (
    <div className="mock-routes" data-testid="mock-routes">
      <div className="mock-routes-toolbar">
        <span className="mock-section-title">Routes</span>
        <span className="mocks-spacer" />
        <button
          type="button"
          className="button button-small"
          data-testid="mock-add-route"
          onClick={() => {
            edit(addRoute(definition));
            onSelect(definition.routes.length);
          }}
        >
          <IconPlus /> Route
        </button>
      </div>
      {definition.routes.length === 0 && (
        <p className="mock-hint mock-routes-empty">No routes: add one, or serve tables from the Schema panel.</p>
      )}
      <ul className="mock-route-list">
        {definition.routes.map((route, index) => (
          <li key={index} className={index === selected ? 'mock-route-selected' : ''}>
            <button
              type="button"
              className="mock-route-item"
              data-testid="mock-route-item"
              aria-current={index === selected}
              onClick={() => onSelect(index)}
            >
              <span className={`mock-method mock-method-${route.method.toLowerCase()}`}>{route.method}</span>
              <span className="mock-route-path">{route.path}</span>
            </button>
            <span className="mock-route-actions">
              {runningUrl && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`New request to ${route.method} ${route.path}`}
                  title="New HTTP request to this route (its :params become path params)"
                  data-testid="mock-route-request"
                  onClick={() =>
                    openHttpTab({ method: route.method === '*' ? 'GET' : route.method, url: runningUrl + route.path })
                  }
                >
                  <IconHttp />
                </button>
              )}
              <button
                type="button"
                className="icon-button"
                aria-label="Move up"
                title="Move up (routes match in order)"
                disabled={index === 0}
                onClick={() => {
                  edit(moveRoute(definition, index, -1));
                  if (index === selected) onSelect(index - 1);
                }}
              >
                <IconChevronDown className="icon mock-flip" />
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label="Move down"
                title="Move down"
                disabled={index === definition.routes.length - 1}
                onClick={() => {
                  edit(moveRoute(definition, index, 1));
                  if (index === selected) onSelect(index + 1);
                }}
              >
                <IconChevronDown />
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label="Duplicate route"
                title="Duplicate"
                onClick={() => edit(duplicateRoute(definition, index))}
              >
                <IconCopy />
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label="Delete route"
                title="Delete"
                data-testid="mock-delete-route"
                onClick={() => {
                  edit(deleteRoute(definition, index));
                  if (selected >= index && selected > 0) onSelect(selected - 1);
                }}
              >
                <IconTrash />
              </button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A mock tab: settings, routes and their responses (or the raw YAML), Save (Mod+S), start/stop and the request log. */
export function MockTabView({ tabId, active }: { tabId: string; active: boolean }) {
  const path = useTabs((s) => {
    const tab = s.tabs.find((t) => t.id === tabId);
    return tab?.kind === 'mock' ? tab.path : null;
  });
  const doc = useMocks((s) => (path ? s.docs[path] : undefined));
  const summary = useMocks((s) => (path ? s.mocks.find((m) => m.path === path) : undefined));
  const readError = useMocks((s) => (path ? s.readErrors[path] : undefined));
  const theme = useUi((s) => s.theme);
  const [selected, setSelected] = useState(0);

  useEffect(() => {
    if (!path) return;
    if (!stores.mocks.getState().loaded) void stores.mocks.getState().loadMocks();
    void stores.mocks.getState().openDoc(path);
  }, [path]);

  // the tab's title follows the mock's name once saved
  const name = doc?.saved?.name;
  useEffect(() => {
    if (name) stores.tabs.getState().renameTab(tabId, name);
  }, [name, tabId]);

  if (!path) return null;
  if (!doc && readError) {
    return (
      <div className="tab-view mock-tab" hidden={!active} data-testid="mock-tab">
        <EmptyState
          title="This mock cannot be read"
          hint={readError.message}
          action={
            <button type="button" className="button" onClick={() => stores.tabs.getState().closeTab(tabId)}>
              Close tab
            </button>
          }
          data-testid="mock-read-error"
        />
      </div>
    );
  }
  if (!doc) {
    return (
      <div className="tab-view mock-tab" hidden={!active}>
        <div className="pane-loading">
          <Spinner label="Reading the mock" /> Reading the mock…
        </div>
      </div>
    );
  }
  const mocks = stores.mocks.getState();
  const yamlView = doc.yaml !== null;
  const edit = (next: MockDefinition) => mocks.editDraft(path, () => next);
  const definition = doc.draft;
  const routeIndex = definition ? Math.min(selected, definition.routes.length - 1) : -1;
  const route = definition && routeIndex >= 0 ? definition.routes[routeIndex] : undefined;
  const running = summary?.state === 'running';

  return (
    <div className="tab-view mock-tab" hidden={!active} data-testid="mock-tab" data-path={path}>
      <div className="mock-toolbar">
        {summary && <MockStatusDot mock={summary} />}
        <strong className="mock-title">{summary?.name ?? doc.saved?.name ?? path}</strong>
        {summary?.url && running && (
          <code className="mock-toolbar-url" data-testid="mock-tab-url">
            {summary.url}
          </code>
        )}
        {summary && <MockRunButton mock={summary} small={false} />}
        <span className="mocks-spacer" />
        {doc.dirty && (
          <span className="mock-unsaved" data-testid="mock-unsaved">
            Unsaved
          </span>
        )}
        <button
          type="button"
          className="button"
          disabled={!doc.dirty || doc.saving}
          data-testid="mock-save"
          title={`Save (${comboText('Mod+S')}); a running mock reloads`}
          onClick={() => void mocks.saveDoc(path)}
        >
          {doc.saving && <Spinner label="Saving" />} Save
        </button>
        {doc.saved?.proxy?.record && (
          <button
            type="button"
            className="button button-small"
            disabled={doc.saving || !definition}
            title="Append the routes the proxy recorded from the answers it forwarded, and save"
            data-testid="mock-add-recorded"
            onClick={() => void mocks.addRecordedRoutes(path)}
          >
            Add recorded routes
          </button>
        )}
        <ExportOpenApiButton path={path} disabled={!doc.saved} />
        <div className="mock-view-toggle" role="group" aria-label="View">
          <button
            type="button"
            className="button button-small"
            aria-pressed={!yamlView}
            data-testid="mock-view-form"
            onClick={() => void mocks.setYamlView(path, false)}
          >
            Form
          </button>
          <button
            type="button"
            className="button button-small"
            aria-pressed={yamlView}
            data-testid="mock-view-yaml"
            onClick={() => void mocks.setYamlView(path, true)}
          >
            YAML
          </button>
        </div>
      </div>
      {(doc.saveError ?? (yamlView ? doc.loadError : null)) && (
        <div className="mock-error" role="alert" data-testid="mock-save-error">
          {doc.saveError ?? doc.loadError}
        </div>
      )}
      {summary?.error && !doc.saveError && (
        <div className="mock-error" role="alert" data-testid="mock-run-error">
          {summary.error}
        </div>
      )}
      <div className="mock-main">
        {yamlView || !definition ? (
          <div className="mock-yaml">
            <TextEditor
              key={`yaml:${doc.text}`}
              label="Mock file (YAML)"
              theme={theme}
              value={doc.yaml ?? doc.text}
              minHeight={200}
              data-testid="mock-yaml"
              onChange={(text) => mocks.editYaml(path, text)}
            />
          </div>
        ) : (
          <FieldIssuesContext.Provider value={doc.saveIssues}>
            <div className="mock-form">
              <Settings definition={definition} edit={edit} />
              <ResourcesEditor definition={definition} edit={edit} />
              <div className="mock-columns">
                <RouteList
                  definition={definition}
                  selected={routeIndex}
                  onSelect={setSelected}
                  edit={edit}
                  runningUrl={running && summary?.url ? summary.url : null}
                />
                <div className="mock-route-pane">
                  {route ? (
                    <RouteEditor
                      key={routeIndex}
                      route={route}
                      routeIndex={routeIndex}
                      revision={doc.text}
                      theme={theme}
                      onChange={(next) => edit(updateRoute(definition, routeIndex, () => next))}
                      onToggleDefault={(responseIndex) =>
                        edit(toggleDefaultResponse(definition, routeIndex, responseIndex))
                      }
                    />
                  ) : (
                    <EmptyState title="No route selected" hint="Add a route to define what the mock answers." />
                  )}
                </div>
              </div>
            </div>
          </FieldIssuesContext.Provider>
        )}
        <RequestLog path={path} running={running} />
      </div>
    </div>
  );
}
