// The QR mask choice (ISO/IEC 18004 §7.8), done on flat byte arrays. The `qrcode` package scores
// all eight masks through per-module method calls, which was ~2 ms of every certificate's ~9 ms
// in the kiosk's issuance (docs/performance.md, "Use case under load"). This module scores the
// same candidates with the same rules, in the package's order and with its tie-break (the first
// lowest penalty wins), so the symbol is the one the package itself would choose; the tests
// compare both on hundreds of inputs (tests/dcc/qr-mask.test.ts).
//
// How: the package builds the symbol once with mask 0. Mask m's symbol differs from it by a fixed
// pattern for each size (mask 0's flips, mask m's flips, and the format bits of 0 and m), so each
// candidate is scored as `maskZero XOR difference[m]` without being built; only the winner is.

/** Level Q's error-correction bits (ISO/IEC 18004 Table 12). */
const LEVEL_Q_BITS = 0b11;
const FORMAT_GENERATOR = 0b10100110111;
const FORMAT_XOR = 0b101010000010010;

/** The 15 format bits for level Q and `mask`: BCH(15,5) code, then XOR with the fixed pattern. */
export function formatBitsQ(mask: number): number {
  const data = (LEVEL_Q_BITS << 3) | mask;
  let rest = data << 10;
  for (let bit = 14; bit >= 10; bit--) if (rest & (1 << bit)) rest ^= FORMAT_GENERATOR << (bit - 10);
  return ((data << 10) | rest) ^ FORMAT_XOR;
}

/** Where format bit i sits (both copies), as the package places it: [row, col] pairs. */
function formatPlaces(size: number, i: number): readonly (readonly [number, number])[] {
  const vertical: [number, number] = i < 6 ? [i, 8] : i < 8 ? [i + 1, 8] : [size - 15 + i, 8];
  const horizontal: [number, number] = i < 8 ? [8, size - i - 1] : i < 9 ? [8, 15 - i] : [8, 14 - i];
  return [vertical, horizontal];
}

function maskAt(mask: number, i: number, j: number): boolean {
  switch (mask) {
    case 0:
      return (i + j) % 2 === 0;
    case 1:
      return i % 2 === 0;
    case 2:
      return j % 3 === 0;
    case 3:
      return (i + j) % 3 === 0;
    case 4:
      return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5:
      return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6:
      return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default:
      return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
  }
}

interface Differences {
  /** differences[m][k] = 1 where mask m's symbol differs from mask 0's at module k (row-major). */
  readonly rows: readonly Uint8Array[];
  /** The same, column-major (the transposed symbol), so columns are read in memory order too. */
  readonly columns: readonly Uint8Array[];
}

/** One entry per symbol size seen (at most 40); recovery certificates use one or two sizes. */
const differencesBySize = new Map<number, Differences>();

function differencesFor(size: number, reserved: Uint8Array): Differences {
  const known = differencesBySize.get(size);
  if (known) return known;
  const rows: Uint8Array[] = [];
  const columns: Uint8Array[] = [];
  for (let mask = 0; mask < 8; mask++) {
    const row = new Uint8Array(size * size);
    const column = new Uint8Array(size * size);
    const set = (r: number, c: number) => {
      row[r * size + c] = 1;
      column[c * size + r] = 1;
    };
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) if (!reserved[r * size + c] && maskAt(0, r, c) !== maskAt(mask, r, c)) set(r, c);
    const formatDiff = formatBitsQ(0) ^ formatBitsQ(mask);
    for (let i = 0; i < 15; i++) if ((formatDiff >> i) & 1) for (const [r, c] of formatPlaces(size, i)) set(r, c);
    rows.push(row);
    columns.push(column);
  }
  const differences = { rows, columns };
  differencesBySize.set(size, differences);
  return differences;
}

/** N1 (runs of five or more) and N3 (1:1:3:1:1 beside four light) along each line of `base ^ diff`. */
function linePenalty(base: Uint8Array, diff: Uint8Array, size: number): number {
  let points = 0;
  for (let start = 0; start < size * size; start += size) {
    let last = -1;
    let run = 0;
    let bits = 0;
    for (let b = 0; b < size; b++) {
      const module = base[start + b]! ^ diff[start + b]!;
      if (module === last) run++;
      else {
        if (run >= 5) points += run - 2;
        last = module;
        run = 1;
      }
      bits = ((bits << 1) & 0x7ff) | module;
      if (b >= 10 && (bits === 0x5d0 || bits === 0x05d)) points += 40;
    }
    if (run >= 5) points += run - 2;
  }
  return points;
}

/** N2 (2×2 blocks of one colour, 3 each) and N4 (dark share off 50 %, 10 per 5 %) of `base ^ diff`. */
function areaPenalty(base: Uint8Array, diff: Uint8Array, size: number): number {
  let blocks = 0;
  let dark = 0;
  for (let k = 0; k < size * size; k++) dark += base[k]! ^ diff[k]!;
  for (let r = 0; r < size - 1; r++) {
    const top = r * size;
    let above = base[top]! ^ diff[top]!;
    let below = base[top + size]! ^ diff[top + size]!;
    for (let c = 1; c < size; c++) {
      const aboveNext = base[top + c]! ^ diff[top + c]!;
      const belowNext = base[top + size + c]! ^ diff[top + size + c]!;
      const sum = above + below + aboveNext + belowNext;
      if (sum === 0 || sum === 4) blocks++;
      above = aboveNext;
      below = belowNext;
    }
  }
  return blocks * 3 + Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10) * 10;
}

function transpose(m: Uint8Array, size: number): Uint8Array {
  const t = new Uint8Array(m.length);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) t[c * size + r] = m[r * size + c]!;
  return t;
}

/** The package's penalty of mask m's symbol, given mask 0's symbol (row-major and transposed). */
export function maskPenalty(
  maskZero: Uint8Array,
  maskZeroColumns: Uint8Array,
  size: number,
  mask: number,
  reserved: Uint8Array,
): number {
  const d = differencesFor(size, reserved);
  return (
    linePenalty(maskZero, d.rows[mask]!, size) +
    linePenalty(maskZeroColumns, d.columns[mask]!, size) +
    areaPenalty(maskZero, d.rows[mask]!, size)
  );
}

/**
 * From a level-Q symbol built with mask 0 (`maskPattern: 0`) and its function-module map, the
 * symbol with the mask of the lowest penalty (the first of equals, as the package decides).
 */
export function withBestMask(
  maskZero: Uint8Array,
  reserved: Uint8Array,
  size: number,
): { readonly mask: number; readonly modules: Uint8Array } {
  const columns = transpose(maskZero, size);
  let best = 0;
  let lowest = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    const penalty = maskPenalty(maskZero, columns, size, mask, reserved);
    if (penalty < lowest) {
      lowest = penalty;
      best = mask;
    }
  }
  const diff = differencesFor(size, reserved).rows[best]!;
  const modules = maskZero.slice();
  for (let k = 0; k < modules.length; k++) modules[k] = modules[k]! ^ diff[k]!;
  return { mask: best, modules };
}
