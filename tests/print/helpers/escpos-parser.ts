// Test-side ESC/POS reader: splits the bytes a receipt printer receives into commands, for Epson
// ESC/POS and Star Line Mode, written from the command references independently of core/print's
// encoder. Used by the fake printer (to answer status requests at command boundaries) and by the
// receipt tests (to get back text, QR data and raster images). Unknown commands throw: a receipt
// job may contain nothing the tests do not understand.

export type CommandSetName = 'epson' | 'star';

export type Command =
  | { kind: 'init' }
  | { kind: 'lf' }
  | { kind: 'text'; bytes: number[] }
  | { kind: 'codePage'; n: number }
  | { kind: 'align'; n: number }
  | { kind: 'bold'; on: boolean }
  | { kind: 'size'; width: number; height: number }
  | { kind: 'invert'; on: boolean }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' }
  | { kind: 'qrModel'; model: number }
  | { kind: 'qrModuleSize'; dots: number }
  | { kind: 'qrEcc'; level: 'L' | 'M' | 'Q' | 'H' }
  | { kind: 'qrStore'; data: string }
  | { kind: 'qrPrint' }
  | { kind: 'raster'; bytesPerRow: number; height: number; rows: Uint8Array }
  | { kind: 'statusRealtime'; n: number }
  | { kind: 'statusPaper' }
  | { kind: 'statusStar' };

export interface Parsed {
  readonly command: Command;
  readonly length: number;
}

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const ECC = ['L', 'M', 'Q', 'H'] as const;

class Incomplete extends Error {}

function need(b: Uint8Array, off: number, n: number): void {
  if (off + n > b.length) throw new Incomplete();
}

const u16 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const latin1 = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));

function parseEpson(b: Uint8Array, o: number): Parsed {
  const c0 = b[o]!;
  need(b, o, 2);
  const c1 = b[o + 1]!;
  if (c0 === ESC) {
    if (c1 === 0x40) return { command: { kind: 'init' }, length: 2 };
    need(b, o, 3);
    const n = b[o + 2]!;
    if (c1 === 0x74) return { command: { kind: 'codePage', n }, length: 3 };
    if (c1 === 0x61) return { command: { kind: 'align', n }, length: 3 };
    if (c1 === 0x45) return { command: { kind: 'bold', on: (n & 1) === 1 }, length: 3 };
    if (c1 === 0x64) return { command: { kind: 'feed', lines: n }, length: 3 };
  }
  if (c0 === DLE && c1 === 0x04) {
    need(b, o, 3);
    return { command: { kind: 'statusRealtime', n: b[o + 2]! }, length: 3 };
  }
  if (c0 === GS) {
    need(b, o, 3);
    const n = b[o + 2]!;
    if (c1 === 0x21) return { command: { kind: 'size', width: (n >> 4) + 1, height: (n & 7) + 1 }, length: 3 };
    if (c1 === 0x42) return { command: { kind: 'invert', on: (n & 1) === 1 }, length: 3 };
    if (c1 === 0x72 && n === 1) return { command: { kind: 'statusPaper' }, length: 3 };
    if (c1 === 0x56) {
      if (n === 65 || n === 66) return (need(b, o, 4), { command: { kind: 'cut' }, length: 4 });
      return { command: { kind: 'cut' }, length: 3 };
    }
    if (c1 === 0x28 && n === 0x6b) {
      need(b, o, 7);
      const len = u16(b, o + 3);
      need(b, o, 5 + len);
      const [cn, fn, p1] = [b[o + 5]!, b[o + 6]!, b[o + 7]!];
      if (cn !== 0x31) throw new Error(`2D code type ${cn} is not QR`);
      const command: Command | undefined =
        fn === 0x41
          ? { kind: 'qrModel', model: p1 - 48 }
          : fn === 0x43
            ? { kind: 'qrModuleSize', dots: p1 }
            : fn === 0x45
              ? { kind: 'qrEcc', level: ECC[p1 - 48]! }
              : fn === 0x50
                ? { kind: 'qrStore', data: latin1(b, o + 8, o + 5 + len) }
                : fn === 0x51
                  ? { kind: 'qrPrint' }
                  : undefined;
      if (!command) throw new Error(`unknown GS ( k function ${fn}`);
      return { command, length: 5 + len };
    }
    if (c1 === 0x76 && n === 0x30) {
      need(b, o, 8);
      const x = u16(b, o + 4);
      const y = u16(b, o + 6);
      need(b, o, 8 + x * y);
      return {
        command: { kind: 'raster', bytesPerRow: x, height: y, rows: b.slice(o + 8, o + 8 + x * y) },
        length: 8 + x * y,
      };
    }
  }
  throw new Error(`unknown Epson command at ${o}: ${[...b.subarray(o, o + 4)].map((v) => v.toString(16)).join(' ')}`);
}

function parseStar(b: Uint8Array, o: number): Parsed {
  need(b, o, 2);
  const c1 = b[o + 1]!;
  if (b[o] !== ESC) throw new Error(`unknown Star command at ${o}`);
  if (c1 === 0x40) return { command: { kind: 'init' }, length: 2 };
  if (c1 === 0x45) return { command: { kind: 'bold', on: true }, length: 2 };
  if (c1 === 0x46) return { command: { kind: 'bold', on: false }, length: 2 };
  if (c1 === 0x34) return { command: { kind: 'invert', on: true }, length: 2 };
  if (c1 === 0x35) return { command: { kind: 'invert', on: false }, length: 2 };
  need(b, o, 3);
  const n = b[o + 2]!;
  if (c1 === 0x06 && n === 0x01) return { command: { kind: 'statusStar' }, length: 3 };
  if (c1 === 0x61) return { command: { kind: 'feed', lines: n }, length: 3 };
  if (c1 === 0x64) return { command: { kind: 'cut' }, length: 3 };
  if (c1 === 0x69)
    return (need(b, o, 4), { command: { kind: 'size', height: n + 1, width: b[o + 3]! + 1 }, length: 4 });
  if (c1 === GS) {
    need(b, o, 4);
    const m = b[o + 3]!;
    if (n === 0x74) return { command: { kind: 'codePage', n: m }, length: 4 };
    if (n === 0x61) return { command: { kind: 'align', n: m }, length: 4 };
    if (n === 0x79 && m === 0x50) return { command: { kind: 'qrPrint' }, length: 4 };
    if (n === 0x79 && m === 0x53) {
      need(b, o, 6);
      const [fn, v] = [b[o + 4]!, b[o + 5]!];
      const command: Command =
        fn === 0x30
          ? { kind: 'qrModel', model: v }
          : fn === 0x31
            ? { kind: 'qrEcc', level: ECC[v]! }
            : { kind: 'qrModuleSize', dots: v };
      return { command, length: 6 };
    }
    if (n === 0x79 && m === 0x44) {
      need(b, o, 8);
      const len = u16(b, o + 6);
      need(b, o, 8 + len);
      return { command: { kind: 'qrStore', data: latin1(b, o + 8, o + 8 + len) }, length: 8 + len };
    }
    if (n === 0x53) {
      need(b, o, 9);
      const x = u16(b, o + 4);
      const y = u16(b, o + 6);
      need(b, o, 9 + x * y);
      return {
        command: { kind: 'raster', bytesPerRow: x, height: y, rows: b.slice(o + 9, o + 9 + x * y) },
        length: 9 + x * y,
      };
    }
  }
  throw new Error(`unknown Star command at ${o}: ${[...b.subarray(o, o + 4)].map((v) => v.toString(16)).join(' ')}`);
}

/** Next command at `offset`, or undefined when the bytes end inside it. */
export function nextCommand(bytes: Uint8Array, offset: number, set: CommandSetName): Parsed | undefined {
  const c = bytes[offset]!;
  if (c === 0x0a) return { command: { kind: 'lf' }, length: 1 };
  if (c >= 0x20) {
    let end = offset;
    while (end < bytes.length && bytes[end]! >= 0x20) end++;
    return { command: { kind: 'text', bytes: [...bytes.subarray(offset, end)] }, length: end - offset };
  }
  try {
    return set === 'epson' ? parseEpson(bytes, offset) : parseStar(bytes, offset);
  } catch (e) {
    if (e instanceof Incomplete) return undefined;
    throw e;
  }
}

/** All complete commands, and how many bytes they used (the rest is an incomplete command). */
export function parseCommands(bytes: Uint8Array, set: CommandSetName): { commands: Command[]; consumed: number } {
  const commands: Command[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const next = nextCommand(bytes, offset, set);
    if (!next) break;
    commands.push(next.command);
    offset += next.length;
  }
  return { commands, consumed: offset };
}
