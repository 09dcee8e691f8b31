import type { EditorView } from '@codemirror/view';
import type { ComponentType, ReactNode } from 'react';
import type { EditorTabKind } from '../../../shared/domain';
import type { TabModel, TabOfKind } from '../stores/tab-types';

export interface IconProps {
  size?: number;
  className?: string;
}

/** A tab kind as a feature registers it: its model (create, store, compare) and how it is shown. */
export interface TabKindRegistration<K extends EditorTabKind = EditorTabKind> {
  model: TabModel<K>;
  /** The tab's text in the strip and the tab list. */
  title(tab: TabOfKind<K>): string;
  /** The tooltip: more than the title (the saved file's path…). */
  describe(tab: TabOfKind<K>): string;
  icon: ComponentType<IconProps>;
  /** The tab's body. Every open tab of the kind stays mounted; `active` says which one is shown. */
  component: ComponentType<{ tabId: string; active: boolean }>;
  /** What closing the tab would lose (the confirm dialog's text when `model.hasUnsavedWork`). */
  closeWarning(tab: TabOfKind<K>): ReactNode;
}

/** A sidebar panel (Schema, History, Saved…); the sidebar shows them as tabs in `order`. */
export interface PanelRegistration {
  id: string;
  title: string;
  order: number;
  component: ComponentType;
}

export type CommandGroup = 'General' | 'Editor' | 'Tabs' | 'Sidebar' | 'Results';

/**
 * Something the user can do by name and key. The window's key handler runs `run`; the SQL editor binds the
 * same combos inside CodeMirror for commands marked `inEditor` (and `runInEditor` ones only there), and the
 * shortcuts dialog lists them all.
 */
export interface CommandRegistration {
  id: string;
  title: string;
  group: CommandGroup;
  /** `Mod+Shift+Enter`, `Alt+T`, `?`, `Escape`; Mod is Cmd on macOS and Ctrl elsewhere. */
  combos?: string[];
  /**
   * What the command does. Absent for a key that a component handles where it applies (the result grid's
   * Mod+End): the registration then only lists it in the shortcuts help.
   */
  run?(): void;
  /** False while the command does not apply: its keys then do what they would do otherwise. */
  enabled?(): boolean;
  /** Fire while typing in an input or the editor (default: only combos with Mod/Alt, and F-keys). */
  allowInInputs?: boolean;
  /** Bind `run` inside the SQL editor as well (CodeMirror sees keys before the window does). */
  inEditor?: boolean;
  /** A key of the SQL editor itself (Tab accepts a completion): bound only there, with its view. */
  runInEditor?(view: EditorView): boolean;
}

/**
 * Where features plug in: tab kinds, sidebar panels and commands. One instance per app (tests make their own);
 * lists are snapshots that change identity only when something is registered or removed.
 */
export class Registry {
  private readonly tabKinds = new Map<EditorTabKind, TabKindRegistration>();
  private readonly panels = new Map<string, PanelRegistration>();
  private readonly commands = new Map<string, CommandRegistration>();
  private readonly listeners = new Set<() => void>();
  private panelList: PanelRegistration[] | null = null;
  private commandList: CommandRegistration[] | null = null;

  registerTabKind<K extends EditorTabKind>(registration: TabKindRegistration<K>): () => void {
    const kind = registration.model.kind;
    if (this.tabKinds.has(kind)) throw new Error(`Tab kind "${kind}" is registered twice.`);
    this.tabKinds.set(kind, registration as unknown as TabKindRegistration);
    this.changed();
    return () => {
      this.tabKinds.delete(kind);
      this.changed();
    };
  }

  registerPanel(registration: PanelRegistration): () => void {
    if (this.panels.has(registration.id)) throw new Error(`Panel "${registration.id}" is registered twice.`);
    this.panels.set(registration.id, registration);
    this.changed();
    return () => {
      this.panels.delete(registration.id);
      this.changed();
    };
  }

  /** Registers a command; registering an id again replaces it (the newest wins). */
  registerCommand(registration: CommandRegistration): () => void {
    this.commands.set(registration.id, registration);
    this.changed();
    return () => {
      if (this.commands.get(registration.id) !== registration) return;
      this.commands.delete(registration.id);
      this.changed();
    };
  }

  /** The registration of a tab kind; throws for a kind no feature registered (a build without that feature). */
  tabKind<K extends EditorTabKind>(kind: K): TabKindRegistration<K> {
    const registration = this.tabKinds.get(kind);
    if (!registration) throw new Error(`No feature registered the tab kind "${kind}".`);
    return registration as unknown as TabKindRegistration<K>;
  }

  hasTabKind(kind: string): boolean {
    return this.tabKinds.has(kind as EditorTabKind);
  }

  /** Panels in their order. */
  listPanels(): readonly PanelRegistration[] {
    this.panelList ??= [...this.panels.values()].sort((a, b) => a.order - b.order);
    return this.panelList;
  }

  listCommands(): readonly CommandRegistration[] {
    this.commandList ??= [...this.commands.values()];
    return this.commandList;
  }

  command(id: string): CommandRegistration | undefined {
    return this.commands.get(id);
  }

  /** Runs a command by id when it exists and is enabled; true when it ran. */
  runCommand(id: string): boolean {
    const command = this.commands.get(id);
    if (!command?.run || (command.enabled && !command.enabled())) return false;
    command.run();
    return true;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.panelList = null;
    this.commandList = null;
    for (const listener of this.listeners) listener();
  }
}

export function createRegistry(): Registry {
  return new Registry();
}
