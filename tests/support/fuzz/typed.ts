// What every fuzzed call must give back (docs/reliability.md, hostile input): a Result value — never an
// exception, never a hang — whose error code is one of core/errors.ts and not INTERNAL (INTERNAL
// means an exception was caught somewhere: a bug that the typed paths missed), and whose details
// do not echo what the caller sent.
import { expect } from 'vitest';
import { isErrorCode } from '../../../core/errors';

export function expectTypedResult(result: unknown, echoed: readonly string[] = []): void {
  expect(
    typeof result === 'object' && result !== null && typeof (result as { ok?: unknown }).ok === 'boolean',
    JSON.stringify(result),
  ).toBe(true);
  const r = result as { ok: boolean; error?: { code?: unknown; details?: unknown } };
  if (r.ok) return;
  const code = r.error?.code;
  expect(isErrorCode(code), `untyped code ${String(code)}`).toBe(true);
  expect(code).not.toBe('INTERNAL');
  const details = JSON.stringify(r.error?.details ?? {});
  for (const s of echoed)
    if (s.length >= 8) expect(details.includes(s), `details echo the input: ${details}`).toBe(false);
}

/** Adversarial strings: control and format characters, lone surrogates, RTL overrides, injections. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0000Müller',
  '\ud800',
  'Müller\udfff',
  '\u202eRELLÜM',
  'Mu\u0308ller',
  'Ｍüｌｌｅｒ',
  '\u200b\u200d',
  "' OR 1=1 --",
  '"; DROP TABLE issuance; --',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '%00%2e%2e/',
  '\r\nX-Injected: 1',
  'a'.repeat(10_000),
  '𝕸𝖚𝖑𝖑𝖊𝖗',
  '🧑‍⚕️',
  'Ǆ',
  'ß'.repeat(200),
  '0000-0000-0000',
  'RZJQ-MTFB-84WV',
  '1964-08-12',
  '9999-99-99',
  '2021-02-29',
  '-0001-01-01',
  '１９６４',
] as const;
