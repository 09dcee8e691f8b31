import type { CoreModule, ModuleContext } from '../module';
import { HistoryStore } from './history-store';

export interface HistoryModule extends CoreModule<'history'> {
  history: HistoryStore;
}

/** `history.*`: every execution, searchable, per connection. */
export function createHistoryModule(ctx: ModuleContext): HistoryModule {
  const history = new HistoryStore(ctx.appDb);
  return {
    history,
    handlers: {
      history: {
        list: async (input) => history.list(input),
        clear: async ({ connectionId }) => ({ removed: history.clear(connectionId) }),
      },
    },
  };
}
