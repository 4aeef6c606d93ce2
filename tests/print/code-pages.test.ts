// Receipt text encoding (core/print/escpos/code-pages.ts, receipt/wrap.ts): property tests that
// names in German, Turkish, Polish and Cyrillic survive the code-page round trip (decoded with
// iconv-lite's tables, not ours), that nothing from a certificate can inject printer commands, and
// that line wrapping never loses or cuts off text.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeRuns, type CodePageId } from '../../core/print/escpos/code-pages';
import { buildReceiptJob } from '../../core/print/receipt/receipt-job';
import { labelled, wrap } from '../../core/print/receipt/wrap';
import { certificateFactory } from './helpers/certificates';
import { readReceipt } from './helpers/receipt-document';

const ICONV: Record<CodePageId, string> = { PC858: 'cp858', PC857: 'cp857', PC852: 'cp852', WPC1251: 'windows-1251' };
const decodeRuns = (text: string, start: CodePageId): string =>
  encodeRuns(text, start)
    .map((r) => iconv.decode(Buffer.from(r.bytes), ICONV[r.codePage]))
    .join('');

const LETTERS =
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -.,'" +
  'äöüÄÖÜßéèêàçñ' +
  'çÇğĞıİöÖşŞüÜ' +
  'ąĄćĆęĘłŁńŃóÓśŚźŹżŻ' +
  'абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯёЁґҐєЄіІїЇ';
const nameArb = fc.string({ unit: fc.constantFrom(...LETTERS), maxLength: 80 });

describe('code pages', () => {
  it('round-trips every German, Turkish, Polish and Cyrillic letter, whatever page is selected', () => {
    fc.assert(
      fc.property(nameArb, fc.constantFrom<CodePageId>('PC858', 'PC857', 'PC852', 'WPC1251'), (name, start) => {
        expect(decodeRuns(name, start)).toBe(name);
      }),
    );
  });

  it('German, Turkish, Polish and Ukrainian names print exactly', () => {
    for (const name of ['Jürgen Groß', 'Ayşe Yılmaz', 'Zofia Wójcik-Łęcka', 'İpek Çağlar', 'Олександр Ґалаґан']) {
      expect(decodeRuns(name, 'PC858')).toBe(name);
    }
  });

  it('drops control characters, so no text can carry a printer command', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        for (const run of encodeRuns(text, 'PC858')) for (const b of run.bytes) expect(b).toBeGreaterThanOrEqual(0x20);
      }),
    );
  });

  it('a name full of ESC/POS commands prints as text and the job still parses command by command', async () => {
    const certs = await certificateFactory();
    const cert = await certs.issue('juergen');
    const hostile = {
      ...cert,
      payload: { ...cert.payload, nam: { ...cert.payload.nam, fn: 'A\x1b@\x1dV\x00B\x10\x04\x01C\n' } },
    };
    const doc = readReceipt(
      buildReceiptJob(hostile, { paperWidthMm: 80, commandSet: 'epson', qrMode: 'native', lang: 'de' }),
      'epson',
    );
    expect(doc.lines).toContain('A@VBC');
    expect(doc.items.filter((i) => i.kind === 'cut')).toHaveLength(1);
    expect(doc.statusRequests).toEqual([]);
  });
});

describe('wrap', () => {
  const textArb = fc.array(fc.string({ unit: fc.constantFrom(...'abcdefgh/:<-ÄŁ'), minLength: 1, maxLength: 70 }), {
    maxLength: 12,
  });

  it('keeps every line within the width and every character in order', () => {
    fc.assert(
      fc.property(textArb, fc.constantFrom(16, 32, 48), (words, width) => {
        const lines = wrap(words.join(' '), width);
        for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/ /g, '')).toBe(words.join(''));
      }),
    );
  });

  it('breaks a UVCI after a separator rather than mid-segment', () => {
    expect(wrap('URN:UVCI:01:DE:KIOSK/ABC123XYZ#D', 20)).toEqual(['URN:UVCI:01:DE:', 'KIOSK/ABC123XYZ#D']);
  });

  it('puts label and value on one line only when both fit', () => {
    expect(labelled('Gültig ab:', '2026-04-12', 32)).toEqual([`Gültig ab:${' '.repeat(12)}2026-04-12`]);
    expect(labelled('Gültig ab / Valid from:', '2026-04-12', 32)).toEqual(['Gültig ab / Valid from:', '2026-04-12']);
  });
});
