import { describe, expect, it } from 'vitest';
import {
  bodyText,
  formatBytes,
  formatMs,
  isJsonContentType,
  jsonBodyError,
  statusClass,
  timingRows,
} from './http-format';

describe('http-format', () => {
  it('colours statuses by class', () => {
    expect([101, 200, 204, 301, 404, 500].map(statusClass)).toEqual([
      'info',
      'success',
      'success',
      'redirect',
      'client-error',
      'server-error',
    ]);
  });

  it('writes sizes and durations short', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(3 * 1024 * 1024)]).toEqual(['512 B', '1.5 KB', '3.0 MB']);
    expect([formatMs(0.42), formatMs(12.4), formatMs(1250)]).toEqual(['0.4 ms', '12 ms', '1.25 s']);
  });

  it('pretty-prints JSON only when the content type says JSON and it parses', () => {
    expect(isJsonContentType('application/problem+json; charset=utf-8')).toBe(true);
    expect(isJsonContentType('text/html')).toBe(false);
    expect(bodyText('{"a":[1,2]}', 'application/json')).toEqual({
      text: '{\n  "a": [\n    1,\n    2\n  ]\n}',
      pretty: true,
    });
    expect(bodyText('{"a":1}', 'text/plain')).toEqual({ text: '{"a":1}', pretty: false });
    expect(bodyText('{not json', 'application/json')).toEqual({ text: '{not json', pretty: false });
  });

  it('names why a JSON body does not parse', () => {
    expect(jsonBodyError('{"a": 1}')).toBeNull();
    expect(jsonBodyError('   ')).toBeNull();
    expect(jsonBodyError('{"a": }')).toMatch(/JSON|token|Unexpected/i);
  });

  it('lays the timing phases out one after the other', () => {
    const rows = timingRows({
      dnsMs: 1,
      connectMs: 1,
      tlsMs: 0,
      firstByteMs: 6,
      downloadMs: 2,
      totalMs: 10,
      reusedConnection: false,
    });
    expect(rows.map((r) => r.label)).toEqual(['DNS', 'Connect', 'TLS', 'First byte', 'Download', 'Total']);
    expect(rows.map((r) => [r.start, r.share])).toEqual([
      [0, 0.1],
      [0.1, 0.1],
      [0.2, 0],
      [0.2, 0.6],
      [0.8, 0.2],
      [0, 1],
    ]);
  });
});
