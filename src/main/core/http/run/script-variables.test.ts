import { describe, expect, it } from 'vitest';
import { useWorkspace } from '../collections/collections-fixture';
import { VariableWriter, type Changes } from './script-variables';

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
