/** Decoders for a response's Content-Encoding (gzip, deflate, br), applied in reverse order of the header. */
import { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw, constants } from 'node:zlib';

/** Streams that undo `contentEncoding` (`gzip`, `br`, `deflate, gzip`…); none for identity or an unknown one. */
export function decodersFor(contentEncoding: string): Transform[] {
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  // an unknown coding: hand the bytes over as they came rather than guess
  if (codings.some((coding) => !KNOWN.has(coding))) return [];
  return codings.reverse().map(decoderFor);
}

const KNOWN = new Set(['gzip', 'x-gzip', 'deflate', 'br']);
// a truncated stream that ends cleanly mid-block still yields what it holds (what browsers show)
const LENIENT = { finishFlush: constants.Z_SYNC_FLUSH };

function decoderFor(coding: string): Transform {
  if (coding === 'br') return createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
  if (coding === 'deflate') return deflateDecoder();
  return createGunzip(LENIENT);
}

/** `deflate` is meant to be zlib-wrapped, but some servers send raw deflate: the first byte tells them apart. */
function deflateDecoder(): Transform {
  let inner: Transform | null = null;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!inner) {
        // a zlib header's first byte has 8 (deflate) in its low nibble
        inner = (chunk[0]! & 0x0f) === 8 ? createInflate(LENIENT) : createInflateRaw(LENIENT);
        inner.on('data', (data: Buffer) => this.push(data));
        inner.on('error', (error) => this.destroy(error));
      }
      if (inner.write(chunk)) done();
      else inner.once('drain', () => done());
    },
    flush(done) {
      if (!inner) {
        done();
        return;
      }
      inner.once('end', () => done());
      inner.end();
    },
  });
}
