import { describe, expect, it } from 'vitest';
import { useWorkspace } from '../collections/collections-fixture';
import { VariableResolver } from '../variables/variable-resolver';
import { ScriptVariables, VariableWriter, type Changes } from './script-variables';

const workspace = useWorkspace();

const none = (): Changes => ({});

describe('VariableWriter and saves from the UI', () => {
  it('never loses an environment edit saved while a script change is being written', async () => {
    const { environments, service: collections } = await workspace();
    const writer = new VariableWriter({ environments, collections });
    await environments.save('local.yaml', { name: 'Local', variables: [{ name: 'base', value: 'b' }] });
    // rounds, because the old read-change-write lost the edit only when the save landed between its read and write
    for (let round = 0; round < 20; round++) {
      const ui = await environments.read('local.yaml');
      const scripted = writer.write({
        changed: { runtime: none(), environment: { [`s${round}`]: 'x' }, collection: none(), globals: none() },
        environment: 'local.yaml',
        collection: null,
      });
      const saved = environments.save('local.yaml', {
        ...ui,
        variables: [...ui.variables, { name: `u${round}`, value: 'y' }],
      });
      await Promise.all([scripted, saved]);
      const names = (await environments.read('local.yaml')).variables.map((variable) => variable.name);
      expect(names).toContain(`u${round}`);
    }
  });

  it('never loses collection settings saved while a script changes collection variables', async () => {
    const { environments, service: collections, files } = await workspace();
    const writer = new VariableWriter({ environments, collections });
    const shop = await files.createCollection('Shop');
    for (let round = 0; round < 20; round++) {
      const current = await collections.readSettings(shop);
      if (current.kind !== 'collection') throw new Error('not a collection');
      const scripted = writer.write({
        changed: { runtime: none(), environment: none(), collection: { [`s${round}`]: 'x' }, globals: none() },
        environment: null,
        collection: shop,
      });
      const saved = collections.saveSettings({
        ...current,
        settings: {
          ...current.settings,
          variables: [...(current.settings.variables ?? []), { name: `u${round}`, value: 'y' }],
        },
      });
      await Promise.all([scripted, saved]);
      const after = await collections.readSettings(shop);
      expect(after.kind === 'collection' && after.settings.variables?.map((variable) => variable.name)).toContain(
        `u${round}`,
      );
    }
  });

  it('writes script changes and saves to one file in the order they were asked for', async () => {
    const { environments, service: collections } = await workspace();
    const writer = new VariableWriter({ environments, collections });
    await environments.save('local.yaml', { name: 'Local', variables: [] });
    const saved = environments.save('local.yaml', { name: 'Local', variables: [{ name: 'ui', value: '1' }] });
    const scripted = writer.write({
      changed: { runtime: none(), environment: { script: '2' }, collection: none(), globals: none() },
      environment: 'local.yaml',
      collection: null,
    });
    await Promise.all([saved, scripted]);
    expect((await environments.read('local.yaml')).variables).toEqual([
      { name: 'ui', value: '1' },
      { name: 'script', value: '2' },
    ]);
  });
});

describe('ScriptVariables over borrowed maps', () => {
  const borrowed = () => {
    const state = {
      globals: new Map([['g', 'global']]),
      collection: new Map([['c', 'collection']]),
      environment: new Map([['e', 'env']]),
      runtime: new Map([['r', 'run']]),
    };
    const row = new Map([['r', 'row']]);
    const variables = ScriptVariables.over({
      globals: [state.globals],
      collection: [state.collection],
      environment: [state.environment],
      runtime: [state.runtime, row],
    });
    return { state, row, variables };
  };

  it('reads the maps in place, a later map of a scope winning', () => {
    const { state, variables } = borrowed();
    const resolver = new VariableResolver(variables.layers());
    expect(resolver.resolveStrict('{{g}} {{c}} {{e}} {{r}}')).toBe('global collection env row');
    state.environment.set('e', 'changed');
    expect(new VariableResolver(variables.layers()).resolveStrict('{{e}}')).toBe('changed');
    expect(variables.hasChanges).toBe(false);
  });

  it('copies them before a script changes anything, so the maps it borrowed stay as they were', () => {
    const { state, row, variables } = borrowed();
    variables.detach();
    state.environment.set('e', 'later');
    variables.apply({ runtime: { r: 'script' }, environment: { e: null }, collection: {}, globals: { g2: 'new' } });
    expect(variables.forScript()).toEqual({
      runtime: { r: 'script' },
      environment: {},
      collection: { c: 'collection' },
      globals: { g: 'global', g2: 'new' },
    });
    expect(variables.hasChanges).toBe(true);
    expect(variables.changed.environment).toEqual({ e: null });
    expect(state.runtime.get('r')).toBe('run');
    expect(row.get('r')).toBe('row');
    expect(state.globals.has('g2')).toBe(false);
  });
});
