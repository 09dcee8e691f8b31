import { isPackedRows, type PackedRows } from './packed-rows';
import type { RpcResponse } from './rpc';

/**
 * How an RpcResponse travels as bytes (the browser host's HTTP body, the in-memory test transport). A response
 * whose value holds packed rows (`value.rows`, see packed-rows.ts) is binary, of type RPC_BINARY_TYPE: a uint32
 * (big-endian) byte length, that many bytes of the response as JSON with the rows replaced by their
 * description (`{"$packed":1,"kinds":[…],"count":N,"byteLength":L}`), then the L bytes of the rows. Every other
 * response is its JSON text. Electron's IPC carries the response as it is (structured clone keeps bytes).
 */
export const RPC_BINARY_TYPE = 'application/x-backbench-rpc';

interface PackedDescription {
  $packed: 1;
  kinds: PackedRows['kinds'];
  count: number;
  byteLength: number;
}

/** A response's bytes: its JSON text, or the parts of a binary body in order (the rows are not copied). */
export type EncodedResponse = { json: string } | { binary: Uint8Array[]; byteLength: number };

/** The response's bytes on the wire; JSON.stringify's errors (a value it cannot serialise) propagate. */
export function encodeRpcResponse(response: RpcResponse): EncodedResponse {
  if (!response.ok) return { json: JSON.stringify(response) };
  const value = response.value as { rows?: unknown } | null;
  const rows = typeof value === 'object' && value !== null ? value.rows : undefined;
  if (!isPackedRows(rows)) return { json: JSON.stringify(response) };
  const description: PackedDescription = {
    $packed: 1,
    kinds: rows.kinds,
    count: rows.count,
    byteLength: rows.bytes.byteLength,
  };
  const json = new TextEncoder().encode(JSON.stringify({ ...response, value: { ...value, rows: description } }));
  const head = new Uint8Array(4 + json.byteLength);
  new DataView(head.buffer).setUint32(0, json.byteLength);
  head.set(json, 4);
  return { binary: [head, rows.bytes], byteLength: head.byteLength + rows.bytes.byteLength };
}

/** The parts of a binary body as one (what a reader of the whole body receives). */
export function joinParts(parts: readonly Uint8Array[], byteLength: number): Uint8Array {
  const out = new Uint8Array(byteLength);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** The response of a binary body (see encodeRpcResponse); throws on bytes that are not one. */
export function decodeRpcBinary(body: Uint8Array): RpcResponse {
  if (body.byteLength < 4) throw new Error('The binary RPC response is truncated.');
  const headLength = new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(0);
  if (4 + headLength > body.byteLength) throw new Error('The binary RPC response is truncated.');
  const response = JSON.parse(new TextDecoder().decode(body.subarray(4, 4 + headLength))) as RpcResponse;
  const value = response.ok ? (response.value as { rows?: PackedDescription } | null) : null;
  const description = value?.rows;
  if (!description || description.$packed !== 1 || 4 + headLength + description.byteLength !== body.byteLength)
    throw new Error('The binary RPC response does not hold the rows it describes.');
  const rows: PackedRows = {
    $packed: 1,
    kinds: description.kinds,
    count: description.count,
    bytes: body.subarray(4 + headLength),
  };
  return { ...response, value: { ...value, rows } } as RpcResponse;
}
