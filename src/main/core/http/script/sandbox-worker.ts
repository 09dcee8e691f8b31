/**
 * The worker thread scripts run in. QuickJS checks its interrupt handler only every few thousand bytecode
 * instructions and its memory limit misses large strings and buffers (quickjs-emscripten issues #219, #271), so
 * a script like `for(;;) a.push('x'.repeat(1e6))` could outlast any in-engine limit; in a worker, the host can
 * always end it with `worker.terminate()`, and the memory it took goes with the worker.
 *
 * Like the sandbox functions, `workerMain` is evaluated from its source text (`new Worker(text, { eval: true })`):
 * it must not reference anything outside its body. `require` comes in as `load`: a bundler rewrites a bare
 * `require` call into a helper of its own, which the worker would not have. It loads QuickJS once, then for each
 * job makes a fresh runtime and context (nothing leaks from one script to the next), applies the in-engine
 * limits, evaluates the sandbox library and the script, and posts back the script's results as JSON text, or
 * why it stopped.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- QuickJS handles are untyped here */
export function workerMain(load: (id: string) => any) {
  'use strict';
  const { parentPort, workerData } = load('node:worker_threads');
  const core = load(workerData.corePath);
  const variant = load(workerData.variantPath);
  const ready = core.newQuickJSWASMModuleFromVariant(variant.default ?? variant);
  const SALVAGE_MEMORY = 8 * 1024 * 1024;
  const SALVAGE_TIME_MS = 200;
  const SETUP_TIME_MS = 5000;

  function dumpError(context: any, handle: any) {
    const error = context.dump(handle);
    handle.dispose();
    return error !== null && typeof error === 'object'
      ? { name: String(error.name ?? 'Error'), message: String(error.message ?? ''), stack: String(error.stack ?? '') }
      : { name: 'Error', message: String(error), stack: '' };
  }

  function memoryUsed(runtime: any, context: any): number {
    const handle = runtime.computeMemoryUsage();
    const usage = context.dump(handle);
    handle.dispose();
    return usage.malloc_size ?? usage.memory_used_size ?? 0;
  }

  function run(module: any, job: any) {
    const runtime = module.newRuntime();
    // the library's set-up gets its own time; the script's limit starts when the script does
    let deadline = Date.now() + SETUP_TIME_MS;
    runtime.setInterruptHandler(() => Date.now() > deadline);
    runtime.setMaxStackSize(job.limits.stackBytes);
    runtime.setMemoryLimit(job.limits.memoryBytes + job.inputBytes);
    const context = runtime.newContext();
    const factory = context.unwrapResult(context.evalCode(job.sandboxSource, 'backbench-sandbox.js'));
    const input = context.newString(job.inputJson);
    const body = typeof job.responseBody === 'string' ? context.newString(job.responseBody) : context.undefined;
    const finish = context.unwrapResult(context.callFunction(factory, context.undefined, input, body));
    factory.dispose();
    input.dispose();
    body.dispose();
    // the script's budget starts once its inputs are in
    runtime.setMemoryLimit(memoryUsed(runtime, context) + job.limits.memoryBytes);
    deadline = Date.now() + job.limits.timeMs;
    // the host's clock for the script starts now, not while a new worker was loading QuickJS and the library
    parentPort.postMessage({ id: job.id, started: true });

    let stop: any;
    const evaluated = context.evalCode(job.code, job.fileName);
    if (evaluated.error) stop = dumpError(context, evaluated.error);
    else {
      evaluated.value.dispose();
      const jobs = runtime.executePendingJobs(-1);
      if (jobs.error) stop = dumpError(context, jobs.error);
    }
    if (stop) {
      // room to read what the script did before it stopped
      deadline = Date.now() + SALVAGE_TIME_MS;
      runtime.setMemoryLimit(-1);
      runtime.setMemoryLimit(memoryUsed(runtime, context) + SALVAGE_MEMORY);
    }
    let outputJson: string | undefined;
    let outputError: any;
    const called = context.callFunction(finish, context.undefined);
    if (called.error) outputError = dumpError(context, called.error);
    else {
      outputJson = context.getString(called.value);
      called.value.dispose();
    }
    finish.dispose();
    context.dispose();
    runtime.dispose();
    return { outputJson, outputError, stop };
  }

  parentPort.on('message', (job: any) => {
    ready.then(
      (module: any) => {
        let reply: any;
        try {
          reply = { id: job.id, ...run(module, job) };
        } catch (error: any) {
          // failed in the host side of the sandbox (V8's stack, a WebAssembly trap): this module may be damaged,
          // so the host ends this worker when it reads the answer and starts a new one
          parentPort.postMessage({
            id: job.id,
            hostError: { name: error?.name ?? 'Error', message: String(error?.message ?? error) },
          });
          return;
        }
        // WebAssembly memory never shrinks: the host ends a worker a greedy script grew, its memory freed with it
        const heapBytes = module.module?.HEAPU8?.byteLength ?? 0;
        const retire = heapBytes > workerData.retireBytes;
        parentPort.postMessage({ ...reply, retire });
      },
      (error: any) =>
        parentPort.postMessage({ id: job.id, hostError: { name: 'Error', message: String(error?.message ?? error) } }),
    );
  });
}
