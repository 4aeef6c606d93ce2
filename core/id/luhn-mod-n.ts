// Luhn mod N check character (the generalisation of the Luhn algorithm to an alphabet of N
// characters; https://en.wikipedia.org/wiki/Luhn_mod_N_algorithm). The Genesenen-ID's 12th
// character is computed this way over the first 11, so a mistyped letter is caught on the kiosk
// before anything is sent to the health office.
//
// What it detects: every single-character substitution, and every transposition of two
// adjacent characters EXCEPT the pair (code point 0, code point N-1) — for Crockford base32 that
// is '0' <-> 'Z', the exact analogue of decimal Luhn missing 09 <-> 90. tests/id proves both.

/** Code points are indices into `alphabet`; returns the check code point. */
export function luhnModNCheckPoint(codePoints: readonly number[], n: number): number {
  let factor = 2; // the rightmost payload character is doubled
  let sum = 0;
  for (let i = codePoints.length - 1; i >= 0; i--) {
    const addend = factor * codePoints[i]!;
    sum += Math.floor(addend / n) + (addend % n);
    factor = factor === 2 ? 1 : 2;
  }
  return (n - (sum % n)) % n;
}

/** True when the last code point is the correct check for the ones before it. */
export function luhnModNValid(codePoints: readonly number[], n: number): boolean {
  if (codePoints.length < 2) return false;
  let factor = 1; // the check character itself is not doubled
  let sum = 0;
  for (let i = codePoints.length - 1; i >= 0; i--) {
    const addend = factor * codePoints[i]!;
    sum += Math.floor(addend / n) + (addend % n);
    factor = factor === 2 ? 1 : 2;
  }
  return sum % n === 0;
}
