import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { closeBrackets } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useMemo, useRef } from 'react';
import type { GraphqlSchemaInfo } from '../../../../../shared/http-protocols';
import { jsonBodyError } from '../../../stores/http-format';
import { useCodeMirror } from '../../query-editor/use-code-mirror';
import { acceptWithTab, sqlCompletion } from '../../query-editor/sql-completion-keys';
import type { BodyEditorProps, BodyOf } from './body-editor-props';
import { operationsIn, queryProblems, typeAtCursor } from './graphql-query';
import { protocolActions, useProtocolTab } from './protocol-bodies-stores';
import './protocol-bodies.css';

const look = EditorView.theme({
  '&': { fontSize: '12px', border: '1px solid var(--border)', borderRadius: '5px', minHeight: '110px' },
  '&.cm-focused': { outline: '1px solid var(--accent)' },
  '.cm-scroller': { lineHeight: '1.5', overflow: 'auto', minHeight: '110px' },
});

const KEYWORDS = ['query', 'mutation', 'subscription', 'fragment'];
const NO_SCHEMA: GraphqlSchemaInfo = {
  queryType: null,
  mutationType: null,
  subscriptionType: null,
  types: [],
  sdl: '',
};
// `{{id}}` where a JSON value goes is valid once resolved: check the text with each token as a number
const withoutVariables = (text: string) => text.replace(/\{\{[^{}]*\}\}/g, '0');

/** Field names of the type at the cursor (or the definition keywords outside any selection set). */
function completeQuery(schema: () => GraphqlSchemaInfo | null) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/\w*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    const query = context.state.doc.toString();
    const at = typeAtCursor(query, context.pos, schema() ?? NO_SCHEMA);
    let options: Completion[];
    if (at.where === 'top') {
      options = KEYWORDS.map((label) => ({ label, type: 'keyword' }));
    } else if (at.where === 'selection' && at.type) {
      const fields = at.type.fields.map((field) => ({
        label: field.name,
        type: 'property',
        detail: field.args.length
          ? `(${field.args.map((a) => `${a.name}: ${a.type}`).join(', ')}): ${field.type}`
          : field.type,
        ...(field.description ? { info: field.description } : {}),
      }));
      options = [...fields, { label: '__typename', type: 'property', boost: -1 }];
    } else {
      return null;
    }
    return { from: word.from, options, validFor: /^\w*$/ };
  };
}

/** The query in CodeMirror, completing field names from the fetched schema. */
function QueryEditor(props: {
  value: string;
  onChange(text: string): void;
  theme: 'dark' | 'light';
  schema: GraphqlSchemaInfo | null;
}) {
  const live = useRef(props);
  useEffect(() => {
    live.current = props;
  });
  const { hostRef } = useCodeMirror({
    value: props.value,
    theme: props.theme,
    look,
    extensions: () => [
      lineNumbers(),
      history(),
      closeBrackets(),
      sqlCompletion(completeQuery(() => live.current.schema)),
      keymap.of([{ key: 'Tab', run: acceptWithTab }, ...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'GraphQL query', spellcheck: 'false' }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        const text = update.state.doc.toString();
        if (text !== live.current.value) live.current.onChange(text);
      }),
    ],
  });
  return <div ref={hostRef} className="http-graphql-query" data-testid="http-graphql-query" />;
}

/** A GraphQL body: the query (completed from the schema fetched by introspection), its variables and operation. */
export function GraphqlBody({ body, onChange, ctx }: BodyEditorProps<BodyOf<'graphql'>>) {
  const { schema, schemaLoading, schemaError } = useProtocolTab(ctx.tabId);
  const operations = useMemo(() => operationsIn(body.query), [body.query]);
  const problems = useMemo(() => queryProblems(body.query, schema), [body.query, schema]);
  const named = operations.flatMap((op) => (op.name ? [op.name] : []));
  const chosen = body.operationName ?? '';
  const variablesError = body.variables?.trim() ? jsonBodyError(withoutVariables(body.variables)) : null;
  const set = (change: Partial<BodyOf<'graphql'>>) => {
    const next = { ...body, ...change };
    if (!next.operationName) delete next.operationName;
    if (next.variables === '') delete next.variables;
    onChange(next);
  };
  const typeCount = schema?.types.filter((t) => t.kind !== 'SCALAR').length ?? 0;
  return (
    <div className="http-protocol-body">
      <div className="http-protocol-bar">
        <button
          type="button"
          className="button button-small"
          data-testid="http-graphql-fetch-schema"
          disabled={schemaLoading || !ctx.draft.url.trim()}
          title="Send the introspection query to this URL, with this request's auth and headers"
          onClick={() => void protocolActions().fetchSchema(ctx.tabId)}
        >
          {schemaLoading ? 'Fetching schema…' : schema ? 'Refetch schema' : 'Fetch schema'}
        </button>
        <span className="http-hint" data-testid="http-graphql-schema-status">
          {schema
            ? `Schema: ${typeCount} types${schema.mutationType ? ', mutations' : ''} — Ctrl+Space completes fields`
            : 'No schema yet: fetch it for field completion and validation.'}
        </span>
        <label className="http-protocol-field">
          Operation
          <select
            className="input input-small"
            data-testid="http-graphql-operation"
            value={chosen}
            onChange={(e) => set({ operationName: e.target.value })}
          >
            <option value="">{named.length > 1 ? 'Choose…' : named.length === 1 ? 'The only one' : 'Anonymous'}</option>
            {[...new Set(chosen && !named.includes(chosen) ? [...named, chosen] : named)].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {schemaError && (
        <p className="http-field-issue" role="alert" data-testid="http-graphql-schema-error">
          {schemaError.message}
        </p>
      )}
      <QueryEditor value={body.query} onChange={(query) => set({ query })} theme={ctx.theme} schema={schema} />
      {problems.length > 0 ? (
        <p className="http-field-issue" role="alert" data-testid="http-graphql-problems">
          {problems.join(' · ')}
        </p>
      ) : operations.length > 1 && !chosen ? (
        <p className="http-field-issue" data-testid="http-graphql-problems">
          The query defines {operations.length} operations: choose the one to run.
        </p>
      ) : null}
      <label className="http-protocol-field http-protocol-grow">
        Variables (JSON)
        <textarea
          className="input input-mono http-graphql-variables"
          data-testid="http-graphql-variables"
          spellCheck={false}
          placeholder='{ "id": "1" }'
          value={body.variables ?? ''}
          onChange={(e) => set({ variables: e.target.value })}
        />
      </label>
      {variablesError ? (
        <p className="http-field-issue" role="alert" data-testid="http-graphql-variables-error">
          Variables are not valid JSON: {variablesError}
        </p>
      ) : (
        <p className="http-hint">
          POSTed as <code>{'{ query, variables, operationName }'}</code> JSON; <code>{'{{variables}}'}</code> are
          resolved.
        </p>
      )}
    </div>
  );
}
