import { describe, expect, it } from 'vitest';
import { SseParser, type SseMessage } from './sse-parser';

function parse(chunks: string[], lastEventId = ''): { messages: SseMessage[]; parser: SseParser } {
  const messages: SseMessage[] = [];
  const parser = new SseParser((m) => messages.push(m), lastEventId);
  for (const chunk of chunks) parser.feed(chunk);
  return { messages, parser };
}

describe('SseParser', () => {
  it('parses events with ids, types and multi-line data, skipping comments', () => {
    const { messages } = parse([
      ': connected\nid: e-1\n\n',
      'id: e-2\ndata: {"a":1}\n\n',
      ': heartbeat\n\n',
      'id: e-3\nevent: resync\ndata: {}\n\n',
      'data: line one\ndata: line two\n\n',
    ]);
    expect(messages).toEqual([
      { event: 'message', data: '{"a":1}', lastEventId: 'e-2' },
      { event: 'resync', data: '{}', lastEventId: 'e-3' },
      { event: 'message', data: 'line one\nline two', lastEventId: 'e-3' },
    ]);
  });

  it('keeps the id of an id-only block for the next reconnect', () => {
    const { messages, parser } = parse([': connected\nid: abc-7\n\n'], 'old-1');
    expect(messages).toEqual([]);
    expect(parser.lastEventId).toBe('abc-7');
  });

  it('handles any split of the stream and CRLF or CR line ends', () => {
    const text = 'id: x-1\r\ndata: é€😀\r\n\r\nid: x-2\rdata: b\r\r';
    for (let split = 1; split < text.length; split++) {
      const { messages } = parse([text.slice(0, split), text.slice(split)]);
      expect(messages, `split at ${split}`).toEqual([
        { event: 'message', data: 'é€😀', lastEventId: 'x-1' },
        { event: 'message', data: 'b', lastEventId: 'x-2' },
      ]);
    }
  });

  it('does not dispatch an unfinished block, and ignores an id with NUL', () => {
    const { messages, parser } = parse(['id: a\u0000b\ndata: x\n\n', 'data: pending']);
    expect(messages).toEqual([{ event: 'message', data: 'x', lastEventId: '' }]);
    expect(parser.lastEventId).toBe('');
  });
});
