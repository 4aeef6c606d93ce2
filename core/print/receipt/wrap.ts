// Line breaking for fixed-pitch receipt text (48 columns on 80 mm, 32 on 58 mm, font A). Words
// wrap at spaces; a token longer than a line (a UVCI, a long double-barrelled name) breaks after
// its last '/', ':', '-' or '<' that fits, else hard at the line width, so nothing is ever cut off.

const BREAK_AFTER = new Set(['/', ':', '-', '<']);

/** Splits one over-long token into pieces of at most `width` characters. */
function splitToken(token: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = [...token];
  while (rest.length > width) {
    let cut = width;
    for (let i = width; i > width / 2; i--) {
      if (BREAK_AFTER.has(rest[i - 1]!)) {
        cut = i;
        break;
      }
    }
    pieces.push(rest.slice(0, cut).join(''));
    rest = rest.slice(cut);
  }
  if (rest.length > 0) pieces.push(rest.join(''));
  return pieces;
}

/** Word-wraps `text` to lines of at most `width` characters (counted in code points). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  const len = (s: string): number => [...s].length;
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    const pieces = len(word) > width ? splitToken(word, width) : [word];
    for (const piece of pieces) {
      if (current === '') current = piece;
      else if (len(current) + 1 + len(piece) <= width) current += ` ${piece}`;
      else {
        lines.push(current);
        current = piece;
      }
    }
  }
  if (current !== '') lines.push(current);
  return lines.length > 0 ? lines : [''];
}

/** `label` and `value` on one line (value right-aligned) when both fit, else label then value lines. */
export function labelled(label: string, value: string, width: number): string[] {
  const gap = width - [...label].length - [...value].length;
  if (gap >= 1) return [label + ' '.repeat(gap) + value];
  return [...wrap(label, width), ...wrap(value, width)];
}
