// Character code tables for receipt text (umlauts/ß, Turkish and Polish letters, Cyrillic).
// Thermal printers print single-byte code pages selected with ESC t n (Epson) / ESC GS t n (Star).
// A line may mix scripts ("Zofia Wójcik-Łęcka" needs Latin-2, "Ayşe Yılmaz" PC857), so text is
// encoded as runs, switching the code page mid-line where the current one lacks a character.
// Upper halves (0x80–0xFF) copied from iconv-lite's sbcs tables (cp858, cp857, cp852, windows1251);
// U+FFFD marks an unassigned byte.

export type CodePageId = 'PC858' | 'PC857' | 'PC852' | 'WPC1251';

const UPPER_HALF: Readonly<Record<CodePageId, string>> = {
  PC858:
    'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»\u2591\u2592\u2593\u2502\u2524ÁÂÀ©\u2563\u2551\u2557\u255d¢¥\u2510\u2514\u2534\u252c\u251c\u2500\u253cãÃ\u255a\u2554\u2569\u2566\u2560\u2550\u256c¤ðÐÊËÈ€ÍÎÏ\u2518\u250c\u2588\u2584\u00a6Ì\u2580ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²\u25a0\u00a0',
  PC857:
    'ÇüéâäàåçêëèïîıÄÅÉæÆôöòûùİÖÜø£ØŞşáíóúñÑĞğ¿®¬½¼¡«»\u2591\u2592\u2593\u2502\u2524ÁÂÀ©\u2563\u2551\u2557\u255d¢¥\u2510\u2514\u2534\u252c\u251c\u2500\u253cãÃ\u255a\u2554\u2569\u2566\u2560\u2550\u256c¤ºªÊËÈ\ufffdÍÎÏ\u2518\u250c\u2588\u2584\u00a6Ì\u2580ÓßÔÒõÕµ\ufffd×ÚÛÙìÿ¯´\u00ad±\ufffd¾¶§÷¸°¨·¹³²\u25a0\u00a0',
  PC852:
    'ÇüéâäůćçłëŐőîŹÄĆÉĹĺôöĽľŚśÖÜŤťŁ×čáíóúĄąŽžĘę¬źČş«»\u2591\u2592\u2593\u2502\u2524ÁÂĚŞ\u2563\u2551\u2557\u255dŻż\u2510\u2514\u2534\u252c\u251c\u2500\u253cĂă\u255a\u2554\u2569\u2566\u2560\u2550\u256c¤đĐĎËďŇÍÎě\u2518\u250c\u2588\u2584ŢŮ\u2580ÓßÔŃńňŠšŔÚŕŰýÝţ´\u00ad˝˛ˇ˘§÷¸°¨˙űŘř\u25a0\u00a0',
  WPC1251:
    'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\ufffd™љ›њќћџ\u00a0ЎўЈ¤Ґ\u00a6§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕїАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя',
};

/** Search order when the current page lacks a character: German first, then Turkish, Latin-2, Cyrillic. */
export const CODE_PAGE_PREFERENCE: readonly CodePageId[] = ['PC858', 'PC857', 'PC852', 'WPC1251'];

/** Typographic characters printed as their ASCII look-alike when the current page lacks them. */
const FALLBACK: Readonly<Record<string, string>> = {
  '„': '"',
  '“': '"',
  '”': '"',
  '‚': "'",
  '‘': "'",
  '’': "'",
  '–': '-',
  '—': '-',
  '‑': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
  '·': '-',
};

const REVERSE: ReadonlyMap<CodePageId, ReadonlyMap<string, number>> = new Map(
  CODE_PAGE_PREFERENCE.map((id) => {
    const table = new Map<string, number>();
    [...UPPER_HALF[id]].forEach((ch, i) => {
      if (ch !== '\ufffd' && ch !== '\u00a0' && ch !== '\u00ad') table.set(ch, 0x80 + i);
    });
    return [id, table] as const;
  }),
);

/** The byte for `ch` in `page`, or undefined. Printable ASCII is the same in every page. */
export function byteFor(ch: string, page: CodePageId): number | undefined {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x20 && cp < 0x7f) return cp;
  return REVERSE.get(page)!.get(ch);
}

/** The character a byte stands for in `page` (used by tests and the ESC/POS parser). */
export function charFor(byte: number, page: CodePageId): string {
  if (byte < 0x80) return String.fromCharCode(byte);
  return UPPER_HALF[page][byte - 0x80] ?? '\ufffd';
}

export interface TextRun {
  readonly codePage: CodePageId;
  readonly bytes: readonly number[];
}

/**
 * Encodes text as code-page runs starting in `current`. Control characters (C0, DEL, C1) are
 * dropped so that text from a certificate can never inject printer commands; characters no page
 * has become their ASCII look-alike or '?'.
 */
export function encodeRuns(text: string, current: CodePageId): TextRun[] {
  const runs: { codePage: CodePageId; bytes: number[] }[] = [];
  let page = current;
  const push = (p: CodePageId, b: number): void => {
    const last = runs[runs.length - 1];
    if (last && last.codePage === p) last.bytes.push(b);
    else runs.push({ codePage: p, bytes: [b] });
  };
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || ch === '\u00ad') continue;
    const here = byteFor(ch, page);
    if (here !== undefined) {
      push(page, here);
      continue;
    }
    // Punctuation never forces a switch (a German line should not need the Cyrillic page for „“).
    const other =
      FALLBACK[ch] === undefined ? CODE_PAGE_PREFERENCE.find((p) => byteFor(ch, p) !== undefined) : undefined;
    if (other) {
      page = other;
      push(page, byteFor(ch, page)!);
      continue;
    }
    for (const f of FALLBACK[ch] ?? '?') push(page, f.charCodeAt(0));
  }
  return runs;
}
