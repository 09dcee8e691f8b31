/**
 * One queue per file: tasks given for the same key run one after another, in the order they were given, so a
 * read-change-write (a script setting a variable) and a save from the UI never interleave on one file. A task
 * that fails does not stop the ones after it. Tasks on different keys run side by side.
 */
export class FileQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Queues `task` behind the tasks already given for `key` (call it before any await, to keep the order). */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // the map holds only queues with work in them
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
