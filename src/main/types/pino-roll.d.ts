// pino-roll ships no types; this is the part of its API we use (https://github.com/mcollina/pino-roll#api)
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface PinoRollOptions {
    file: string | (() => string);
    size?: number | string;
    frequency?: number | string;
    extension?: string;
    mkdir?: boolean;
    mode?: number;
    sync?: boolean;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
  }
  export default function build(options: PinoRollOptions): Promise<DestinationStream & { flushSync?(): void }>;
}
