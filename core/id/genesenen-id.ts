// The Genesenen-ID printed on the health office's letter: by default 12 characters of
// Crockford base32, written XXXX-XXXX-XXXX, the 12th a Luhn mod 32 check character over the
// first 11. The kiosk normalises what the citizen typed (case, spaces, hyphens, the look-alikes
// I/L -> 1 and O -> 0) and rejects a wrong check character before any lookup, so a typo costs
// no round trip to the health office and never counts as a failed match. The city's real
// format is configurable (alphabet, length, grouping, optional pattern, check rule).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { luhnModNCheckPoint, luhnModNValid } from './luhn-mod-n';

export interface ValidatedId {
  /** Canonical form without separators, e.g. 0123456789AB. */
  readonly normalized: string;
  /** As printed on the letter, e.g. 0123-4567-89AB. */
  readonly display: string;
}

export const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Crockford's decoding rule for characters it leaves out because they look like digits. */
const CROCKFORD_ALIASES: Readonly<Record<string, string>> = { I: '1', L: '1', O: '0' };
/** Separators people type or copy: whitespace and the hyphen family (incl. en dash, minus). */
const SEPARATORS = /[\s\u002D\u2010-\u2015\u2212\uFE63\uFF0D]/gu;
/** Longer raw input is rejected outright (the transport already caps it at 64). */
const MAX_RAW_LENGTH = 64;

export const idFormatConfigSchema = z
  .strictObject({
    /** Upper-case characters, each once; a character's index is its Luhn code point. */
    alphabet: z.string().min(2).max(64).default(CROCKFORD_BASE32),
    /** Total length including the check character. */
    length: z.int().min(4).max(40).default(12),
    /** Display grouping, joined with '-'; must add up to `length`. */
    groups: z.array(z.int().min(1)).min(1).max(10).default([4, 4, 4]),
    checkRule: z.enum(['luhn-mod-n', 'none']).default('luhn-mod-n'),
    /** Extra regular expression the normalised ID must match in full (e.g. a city prefix). */
    pattern: z.string().min(1).max(200).optional(),
    /** Look-alike characters read as alphabet characters; default: Crockford's I/L -> 1, O -> 0. */
    aliases: z.record(z.string().length(1), z.string().length(1)).optional(),
  })
  .superRefine((c, ctx) => {
    const chars = [...c.alphabet];
    if (new Set(chars).size !== chars.length) ctx.addIssue({ code: 'custom', message: 'alphabet has duplicates' });
    if (c.alphabet !== c.alphabet.toUpperCase() || /[\s-]/u.test(c.alphabet))
      ctx.addIssue({ code: 'custom', message: 'alphabet must be upper case without separators' });
    if (c.groups.reduce((a, b) => a + b, 0) !== c.length)
      ctx.addIssue({ code: 'custom', message: 'groups must add up to length' });
    for (const [from, to] of Object.entries(c.aliases ?? {})) {
      if (c.alphabet.includes(from) || !c.alphabet.includes(to))
        ctx.addIssue({ code: 'custom', message: 'an alias must map a non-alphabet character onto the alphabet' });
    }
    if (c.pattern !== undefined) {
      try {
        new RegExp(c.pattern, 'u');
      } catch {
        ctx.addIssue({ code: 'custom', message: 'pattern is not a valid regular expression' });
      }
    }
  });

/** What a config file may contain (every field optional; defaults = the format above). */
export type IdFormatConfig = z.input<typeof idFormatConfigSchema>;

export interface IdFormat {
  /** Normalise and check what was typed; ID_FORMAT or ID_CHECK_CHARACTER, never a lookup. */
  normalize(raw: string): Result<ValidatedId>;
  /** A fresh valid ID in display form; `random(n)` must return n uniformly random bytes. */
  generate(random?: (n: number) => Uint8Array): string;
  /** A valid, fixed example in display form for the on-screen hint. */
  readonly example: string;
}

/** Throws on an invalid config: validate with `idFormatConfigSchema` at the config boundary. */
export function createIdFormat(config: IdFormatConfig = {}): IdFormat {
  const c = idFormatConfigSchema.parse(config);
  const alphabet = [...c.alphabet];
  const n = alphabet.length;
  const index = new Map(alphabet.map((ch, i) => [ch, i] as const));
  const aliases = new Map(Object.entries(c.aliases ?? defaultAliases(c.alphabet)));
  const pattern = c.pattern === undefined ? undefined : new RegExp(`^(?:${c.pattern})$`, 'u');
  const withCheck = c.checkRule === 'luhn-mod-n';
  const payloadLength = withCheck ? c.length - 1 : c.length;

  const display = (normalized: string): string => {
    const parts: string[] = [];
    let at = 0;
    for (const g of c.groups) {
      parts.push(normalized.slice(at, at + g));
      at += g;
    }
    return parts.join('-');
  };

  const complete = (payload: readonly number[]): string => {
    const points = withCheck ? [...payload, luhnModNCheckPoint(payload, n)] : payload;
    return points.map((p) => alphabet[p]!).join('');
  };

  const normalize = (raw: string): Result<ValidatedId> => {
    const formatError = err('ID_FORMAT', { length: c.length });
    if (typeof raw !== 'string' || raw.length > MAX_RAW_LENGTH) return formatError;
    const chars = [...raw.normalize('NFKC').replace(SEPARATORS, '').toUpperCase()].map((ch) => aliases.get(ch) ?? ch);
    if (chars.length !== c.length) return formatError;
    const points: number[] = [];
    for (const ch of chars) {
      const p = index.get(ch);
      if (p === undefined) return formatError;
      points.push(p);
    }
    const normalized = chars.join('');
    if (pattern && !pattern.test(normalized)) return formatError;
    if (withCheck && !luhnModNValid(points, n)) return err('ID_CHECK_CHARACTER');
    return ok({ normalized, display: display(normalized) });
  };

  const generate = (random: (count: number) => Uint8Array = (count) => randomBytes(count)): string => {
    // Rejection sampling keeps every character equally likely for any alphabet size.
    const limit = Math.floor(256 / n) * n;
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const payload: number[] = [];
      while (payload.length < payloadLength) {
        for (const byte of random(payloadLength - payload.length + 4)) {
          if (byte < limit && payload.length < payloadLength) payload.push(byte % n);
        }
      }
      const normalized = complete(payload);
      if (!pattern || pattern.test(normalized)) return display(normalized);
    }
    throw new Error('ID pattern too restrictive to generate IDs at random');
  };

  const sequential = complete(Array.from({ length: payloadLength }, (_, i) => i % n));
  let example = display(sequential);
  if (pattern && !pattern.test(sequential)) {
    try {
      example = generate(seededBytes(0x5eed_1d));
    } catch {
      // A pattern random IDs rarely meet (a fixed prefix of 4+ characters): the hint shows the
      // shape only. Throwing here stopped the kiosk from starting (INTERNAL).
    }
  }

  return { normalize, generate, example };
}

function defaultAliases(alphabet: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(CROCKFORD_ALIASES).filter(([from, to]) => !alphabet.includes(from) && alphabet.includes(to)),
  );
}

/** Deterministic byte stream (xorshift32) so a patterned format still has a stable example. */
function seededBytes(seed: number): (n: number) => Uint8Array {
  let s = seed >>> 0 || 1;
  return (count) => {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      out[i] = s & 0xff;
    }
    return out;
  };
}

export const defaultIdFormat: IdFormat = createIdFormat();
