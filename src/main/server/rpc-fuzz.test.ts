import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractSamples } from '../../shared/contract/contract-samples';
import { listProcedures } from '../../shared/dispatcher';
import { RpcResponseSchema, type RpcResponse } from '../../shared/rpc';
import { createServices, type Services } from '../core/services';
import { startWebHost, type WebHost } from './web-host';
import { signIn, tokenOf } from './http-test-client';

/** mulberry32: small, fast, seeded — a failing run reproduces with the same FUZZ_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const ENVELOPES = 2400;
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const SQL_SNIPPETS = [
  'select 1',
  'select * from customers',
  'select * from orders o join order_items i on i.order_id = o.id',
  'select count(*) from products',
  'select * from nope',
  "select 'unterminated",
  'selec 1',
  ';;;',
  'select 1; select 2',
  '/* only a comment */',
  'pragma table_info(products)',
];

class Fuzzer {
  constructor(
    private readonly rand: () => number,
    private readonly methods: string[],
    private readonly samples: Record<string, Record<string, unknown>>,
    private readonly escapePaths: string[],
  ) {}

  int(max: number): number {
    return Math.floor(this.rand() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  chance(p: number): boolean {
    return this.rand() < p;
  }

  string(): string {
    switch (this.int(8)) {
      case 0:
        return '';
      case 1:
        return 'x'.repeat(this.pick([65, 101, 4097, 100_000, 1_000_001]));
      case 2:
        return this.pick(POLLUTION_KEYS);
      case 3:
        return this.pick(SQL_SNIPPETS);
      case 4:
        return this.pick(this.escapePaths);
      case 5:
        return String.fromCharCode(...Array.from({ length: this.int(20) }, () => this.int(0xffff)));
      case 6:
        return this.pick(this.methods);
      default:
        return this.rand()
          .toString(36)
          .slice(2, 2 + this.int(12));
    }
  }

  number(): number {
    return this.pick([0, -1, 1, 1.5, -0.0001, 2 ** 31, 2 ** 53 + 1, -(2 ** 53), 1e308, this.int(10_000)]);
  }

  value(depth = 0): unknown {
    const kind = this.int(depth > 3 ? 5 : 8);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return this.chance(0.5);
      case 2:
        return this.number();
      case 3:
      case 4:
        return this.string();
      case 5:
        return Array.from({ length: this.int(5) }, () => this.value(depth + 1));
      default:
        return this.object(depth + 1);
    }
  }

  object(depth: number): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    for (let i = this.int(5); i > 0; i--) {
      const key = this.chance(0.3) ? this.pick(POLLUTION_KEYS) : this.string().slice(0, 30);
      // an own property even for __proto__, as JSON.parse would make it
      Object.defineProperty(object, key, {
        value: this.value(depth),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return object;
  }

  /** A valid sample with one thing broken (or not): reaches past validation into the services. */
  mutated(method: string): unknown {
    const sample = structuredClone(this.samples[method] ?? {});
    const keys = Object.keys(sample);
    switch (this.int(5)) {
      case 0:
        return sample;
      case 1:
        if (keys.length > 0) delete sample[this.pick(keys)];
        return sample;
      case 2:
        Object.defineProperty(sample, this.pick(POLLUTION_KEYS), {
          value: this.value(2),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return sample;
      default:
        if (keys.length > 0) sample[this.pick(keys)] = this.chance(0.5) ? this.value(2) : this.string();
        return sample;
    }
  }

  envelope(): unknown {
    if (this.chance(0.1)) return this.value(3);
    const validName = this.chance(0.6);
    const method = validName ? this.pick(this.methods) : this.chance(0.5) ? this.string() : this.value(3);
    const envelope: Record<string, unknown> = { method };
    if (this.chance(0.7)) envelope.id = this.chance(0.7) ? this.int(1e6) : this.value(2);
    if (this.chance(0.9))
      envelope.input = validName && this.chance(0.6) ? this.mutated(method as string) : this.value(1);
    if (this.chance(0.1))
      Object.defineProperty(envelope, this.pick(POLLUTION_KEYS), { value: this.value(2), enumerable: true });
    // through JSON, as every host receives it
    return JSON.parse(JSON.stringify(envelope));
  }
}

function filesNamed(dir: string, name: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesNamed(path, name));
    else if (entry.name === name) found.push(path);
  }
  return found;
}

describe('RPC fuzz against the real services', () => {
  let root: string;
  let services: Services;
  let fuzzer: Fuzzer;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    root = mkdtempSync(join(tmpdir(), 'bb-fuzz-'));
    services = await createServices({ host: 'test', dataDir: join(root, 'data'), createSample: true });
    const info = await services.dispatch({ method: 'app.info', input: {} });
    if (!info.ok) throw new Error(info.error.message);
    const connectionId = (info.value as { sampleConnectionId: string }).sampleConnectionId;
    const samples = contractSamples({ dir: root, connectionId });
    // saved-query paths that try to leave the workspace's queries folder, but never the temp dir
    const escapes = [
      '../escape.sql',
      '../../escape.sql',
      '../../../escape.sql',
      `${root}/escape.sql`,
      'a/../../escape.sql',
      '..\\escape.sql',
    ];
    fuzzer = new Fuzzer(prng(SEED), listProcedures(), samples, escapes);
  });

  afterAll(async () => {
    await services?.dispose();
    process.off('unhandledRejection', onUnhandled);
    rmSync(root, { recursive: true, force: true });
  });

  it(`survives ${ENVELOPES} random and malformed envelopes (seed ${SEED})`, async () => {
    const failures: string[] = [];
    const codes = new Map<string, number>();
    const check = (raw: unknown, response: RpcResponse) => {
      const shape = RpcResponseSchema.safeParse(response);
      const label = JSON.stringify(raw)?.slice(0, 300);
      if (!shape.success) failures.push(`malformed response to ${label}`);
      else if (!response.ok && response.error.code === 'INTERNAL')
        failures.push(`INTERNAL for ${label}: ${response.error.message}`);
      try {
        JSON.stringify(response);
      } catch {
        failures.push(`unserialisable response to ${label}`);
      }
      const code = response.ok ? 'ok' : response.error.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
    };
    // small concurrent batches: races between calls are part of the attack surface
    for (let sent = 0; sent < ENVELOPES; sent += 8) {
      const batch = Array.from({ length: 8 }, () => fuzzer.envelope());
      const responses = await Promise.all(batch.map((raw) => services.dispatch(raw)));
      responses.forEach((response, i) => check(batch[i], response));
    }
    if (process.env.FUZZ_VERBOSE) console.log(Object.fromEntries(codes));
    expect(failures).toEqual([]);
    expect(unhandled).toEqual([]);
    // the fuzz reached past validation, not just bounced off it
    expect(codes.get('ok') ?? 0).toBeGreaterThan(50);
    expect(codes.get('INVALID_INPUT') ?? 0).toBeGreaterThan(500);
    // nothing polluted a prototype, nothing left the workspace
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    const queriesDir = join(root, 'data', 'workspace');
    const escaped = filesNamed(root, 'escape.sql').filter((p) => relative(queriesDir, p).startsWith('..'));
    expect(escaped).toEqual([]);
    expect(existsSync(join(root, 'data', 'backbench.db'))).toBe(true);
  });

  it('survives random envelopes over HTTP through the browser host', async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'bb-fuzz-renderer-'));
    const host: WebHost = await startWebHost({ dispatch: services.dispatch, rendererDir });
    const session = await signIn(host.port, tokenOf(host.startUrl()));
    try {
      const post = (body: string) =>
        new Promise<{ status: number; body: string }>((resolvePost, reject) => {
          const req = httpRequest(
            {
              host: '127.0.0.1',
              port: host.port,
              path: '/rpc',
              method: 'POST',
              agent: false,
              headers: {
                Host: `127.0.0.1:${host.port}`,
                'X-Backbench-Session': session,
                'Content-Type': 'application/json',
              },
            },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () =>
                resolvePost({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
              );
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      for (let i = 0; i < 300; i++) {
        const raw = fuzzer.envelope();
        // every tenth body is not JSON at all
        const text = i % 10 === 0 ? JSON.stringify(raw).slice(0, -1 - (i % 7)) : JSON.stringify(raw);
        const reply = await post(text ?? 'undefined');
        expect([200, 400, 413]).toContain(reply.status);
        expect(RpcResponseSchema.safeParse(JSON.parse(reply.body)).success).toBe(true);
      }
      expect(unhandled).toEqual([]);
    } finally {
      await host.close();
      rmSync(rendererDir, { recursive: true, force: true });
    }
  });
});
