// The one CBOR configuration of the engine (docs/dcc-notes.md §3 "Library trap", §4). cbor-x defaults
// break COSE: records (tag 0xdfxx) for objects, tag 259 for Maps, tagged typed arrays. Here:
// plain major-type-5 maps, byte strings as bstr, integer map keys via Map, no float for integers.
import { addExtension, Decoder, Encoder } from 'cbor-x';

// Tag 0 (RFC 8949 date/time *string*) is decoded to its text, not to a JS Date: the DCC schema
// types `t[0].sc` as a string and SE vectors tag it; a Date would lose the original offset.
// cbor-x keeps tag handlers in one module-wide table, so this applies to every cbor-x decoder in
// the process — acceptable because the certificate engine is the only CBOR user.
addExtension({ tag: 0, decode: (text: unknown) => text } as Parameters<typeof addExtension>[0]);

/** Encoder for everything we sign: Maps keep integer keys; objects become string-keyed maps. */
export const cborEncoder = new Encoder({
  useRecords: false,
  // not in cbor-x's typings, but honoured by encode.js (without it Maps may get tag 259)
  useTag259ForMaps: false,
  tagUint8Array: false,
  variableMapSize: true,
  mapsAsObjects: false,
  pack: false,
  useFloat32: 0,
} as ConstructorParameters<typeof Encoder>[0]);

/**
 * Decoder that keeps maps as `Map` (integer keys stay integers: CWT claims, COSE headers).
 * Used on untrusted input; callers catch its exceptions and turn them into typed errors.
 */
export const cborMapDecoder = new Decoder({
  useRecords: false,
  mapsAsObjects: false,
  int64AsType: 'number',
} as ConstructorParameters<typeof Decoder>[0]);

/**
 * Encodes a value with `cborEncoder`: `Map`s keep their integer keys, objects become string-keyed
 * maps, byte arrays stay untagged byte strings.
 * @param value - plain JSON values, `Map`s and `Uint8Array`s
 * @returns the CBOR bytes (a view of their own, safe to hand on)
 */
export const encodeCbor = (value: unknown): Uint8Array => {
  const bytes = cborEncoder.encode(value);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/**
 * Decodes CBOR with maps kept as `Map` (CWT claims and COSE headers have integer keys).
 * @param bytes - untrusted CBOR
 * @returns the decoded value
 * @throws on malformed CBOR: callers catch it and return a typed failure
 */
export const decodeCborMaps = (bytes: Uint8Array): unknown => cborMapDecoder.decode(bytes);

/** Converts decoded CBOR (Maps with string keys, nested) to plain JSON-like objects. */
export function cborToJson(value: unknown): unknown {
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = cborToJson(v);
    return out;
  }
  if (Array.isArray(value)) return value.map(cborToJson);
  return value;
}

/** Converts a JSON-like value to the Map form the encoder writes (string keys, order kept). */
export function jsonToCbor(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonToCbor);
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return new Map(Object.entries(value).map(([k, v]) => [k, jsonToCbor(v)]));
  }
  return value;
}
