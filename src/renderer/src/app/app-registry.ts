import { createRegistry } from './registry';

/** The app's registry: features register their tab kinds, panels and commands into it at start (main.tsx). */
export const appRegistry = createRegistry();
