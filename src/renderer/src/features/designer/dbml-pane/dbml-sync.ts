/**
 * Keeps the DBML text pane and the design in step both ways, apart from CodeMirror and React so its rules can be
 * tested: user edits are parsed after a pause and a design that parses is handed on; a design changed elsewhere (the
 * canvas, an undo, the file on disk) replaces the text only when that loses nothing the user typed.
 */
import type { DbmlProblem } from '../../../../../shared/contract/designer.contract';
import type { Design } from '../../../../../shared/design';
import type { Engine } from '../../../../../shared/domain';
import type { AppClient } from '../../../stores/store-deps';

/** The two designer procedures the pane needs (the app's client, or a stand-in in tests). */
export interface DbmlPort {
  format(design: Design): Promise<string>;
  parse(dbml: string, dialect: Engine): Promise<{ design: Design | null; problems: DbmlProblem[] }>;
}

export function dbmlPortOf(client: AppClient): DbmlPort {
  return {
    format: async (design) => (await client.designer.formatDbml({ design })).dbml,
    parse: (dbml, dialect) => client.designer.parseDbml({ dbml, dialect }),
  };
}

/** The editor as the sync sees it. `setText` must not report back as a user edit. */
export interface DbmlView {
  text(): string;
  setText(text: string): void;
  focused(): boolean;
  showProblems(problems: DbmlProblem[]): void;
  /** A call failed (not a parse problem): shown beside the editor; null clears it. */
  showError(message: string | null): void;
}

export interface DbmlSync {
  /** The design prop changed (also the first time). */
  designChanged(design: Design): void;
  /** The user changed the text. */
  edited(): void;
  /** The editor lost focus: a change from elsewhere held back while the user typed may now replace the text. */
  blurred(): void;
  dispose(): void;
}

export function createDbmlSync(options: {
  port: DbmlPort;
  view: DbmlView;
  onDesign(design: Design): void;
  debounceMs?: number;
}): DbmlSync {
  const { port, view, onDesign } = options;
  const debounceMs = options.debounceMs ?? 400;
  let dialect: Engine | null = null;
  /** The design this pane handed on last: when it comes back as the prop, the text already says it. */
  let emitted: Design | null = null;
  /** The text this pane last put in the editor: while the editor still holds it, nothing typed can be lost. */
  let shown: string | null = null;
  /** Text for a design changed elsewhere, held back while the user types. */
  let held: string | null = null;
  let problems = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let formatRound = 0;
  let parseRound = 0;
  let disposed = false;

  const untouched = () => shown !== null && view.text() === shown;

  function replace(text: string): void {
    if (timer) clearTimeout(timer);
    timer = null;
    parseRound++;
    held = null;
    shown = text;
    problems = false;
    if (view.text() !== text) view.setText(text);
    view.showProblems([]);
  }

  async function parseNow(): Promise<void> {
    timer = null;
    if (dialect === null) return;
    const text = view.text();
    const round = ++parseRound;
    try {
      const result = await port.parse(text, dialect);
      // a later edit (or a replaced text) makes this answer stale
      if (disposed || round !== parseRound || view.text() !== text) return;
      view.showError(null);
      problems = result.design === null;
      view.showProblems(result.problems);
      if (result.design) {
        // the typed design replaces the design as it was, a change held back included
        held = null;
        emitted = result.design;
        onDesign(result.design);
      }
    } catch (error) {
      if (!disposed && round === parseRound) view.showError(messageOf(error));
    }
  }

  return {
    designChanged(design) {
      dialect = design.dialect;
      if (design === emitted) return;
      const round = ++formatRound;
      port.format(design).then(
        (text) => {
          if (disposed || round !== formatRound) return;
          view.showError(null);
          if (shown === null || !view.focused() || untouched()) replace(text);
          else held = text;
        },
        (error: unknown) => {
          if (!disposed && round === formatRound) view.showError(messageOf(error));
        },
      );
    },
    edited() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void parseNow(), debounceMs);
    },
    blurred() {
      // typed text that does not parse (or is still waiting to be parsed) stays: the user is not done with it
      if (held !== null && timer === null && !problems) replace(held);
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
