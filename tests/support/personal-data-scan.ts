// Searches a kiosk's data directory byte by byte for personal data (docs/reliability.md, privacy at rest):
// names as typed, as recorded, upper and lower case, in the ICAO transliteration of the
// certificate and its parts, in UTF-8, Latin-1 and UTF-16; dates of birth as YYYY-MM-DD,
// DD.MM.YYYY, D.M.YYYY, YYYYMMDD and DD/MM/YYYY (partial ones as they are); and certificates
// themselves (an HC1 string or a piece of one carries the name and date of birth, compressed).
// Every file is read raw, so SQLite pages, WAL frames and the shared-memory index count too.
// The CUPS spool (findPersonalDataInSpool) is scanned the same way, and a spooled PDF's text is
// extracted with pdftotext as well: its name glyphs sit in compressed streams the raw scan misses.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Secrets {
  readonly names: readonly string[];
  readonly datesOfBirth: readonly string[];
  readonly certificates: readonly string[];
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Parts of names that are also the kiosk's own words ("O'Demo-Smith" vs. the DEMO UVCI prefix). */
const PRODUCT_WORDS = new Set(['demo']);

/** Every spelling of a name worth looking for; parts of compound names too. */
export function nameForms(name: string): string[] {
  const forms = new Set<string>();
  for (const n of [name, name.normalize('NFD'), name.toUpperCase(), name.toLowerCase(), name.toLocaleUpperCase('tr')]) {
    forms.add(n);
    for (const part of n.split(/[<\s'’.-]+/u)) if ([...part].length >= 3) forms.add(part);
  }
  return [...forms].filter((f) => [...f].length >= 3 && !PRODUCT_WORDS.has(f.toLowerCase()));
}

export function dateForms(dob: string): string[] {
  const [y, m, d] = dob.split('-');
  if (!m) return [y!];
  if (!d) return [`${y}-${m}`, `${m}.${y}`, `${m}/${y}`];
  return [dob, `${d}.${m}.${y}`, `${Number(d)}.${Number(m)}.${y}`, `${y}${m}${d}`, `${d}/${m}/${y}`];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
/** Short tokens only as whole words (a 3-letter name can occur by chance in a random UVCI). */
const pattern = (s: string, flags = 'u') =>
  [...s].length >= 6
    ? new RegExp(escape(s), flags)
    : new RegExp(`(?<![\\p{L}\\p{N}:])${escape(s)}(?![\\p{L}\\p{N}])`, flags);

/** `file: what` for every hit; [] when the directory is clean. */
export function findPersonalData(
  dir: string,
  secrets: Secrets,
  skip: (path: string) => boolean = () => false,
  extraText: (bytes: Buffer) => string[] = () => [],
): string[] {
  const needles = [
    ...secrets.names.flatMap(nameForms).map((n) => ({ label: n, re: pattern(n) })),
    ...secrets.datesOfBirth.flatMap(dateForms).map((d) => ({ label: d, re: pattern(d) })),
    { label: 'HC1:', re: /HC1:/u },
    // Any 24 characters of an issued certificate string.
    ...secrets.certificates.flatMap((c) =>
      [40, 200, 400]
        .map((at) => c.slice(at, at + 24))
        .filter((s) => s.length === 24)
        .map((s) => ({ label: `certificate ${s}`, re: new RegExp(escape(s), 'u') })),
    ),
  ];
  const hits = new Set<string>();
  for (const file of filesUnder(dir)) {
    if (skip(file)) continue;
    const bytes = readFileSync(file);
    const texts = [
      bytes.toString('utf8'),
      bytes.toString('latin1'),
      bytes.toString('utf16le'),
      bytes.subarray(1).toString('utf16le'),
      ...extraText(bytes),
    ];
    for (const { label, re } of needles)
      if (texts.some((t) => re.test(t))) hits.add(`${relative(dir, file)}: ${label}`);
  }
  return [...hits].sort();
}

/** The text layer of a PDF (pdftotext), or nothing for other files or when extraction fails. */
export function pdfTextOf(bytes: Buffer): string[] {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return [];
  try {
    return [
      execFileSync('pdftotext', ['-', '-'], { input: bytes, stdio: ['pipe', 'pipe', 'ignore'] }).toString('utf8'),
    ];
  } catch {
    return [];
  }
}

/**
 * The CUPS spool (default /var/spool/cups, readable by root): `c*` control files, `d*` data files
 * and the filters' `tmp/`, raw and (for PDFs) as extracted text. `file: what` for every hit.
 */
export function findPersonalDataInSpool(secrets: Secrets, spoolDir = '/var/spool/cups'): string[] {
  return findPersonalData(spoolDir, secrets, () => false, pdfTextOf);
}

/** Job files CUPS still keeps: `c<job>` control files and `d<job>-<doc>` data files; of one job if given. */
export const spooledJobFiles = (spoolDir = '/var/spool/cups', job?: string): string[] =>
  readdirSync(spoolDir)
    .filter((f) => /^(c\d+|d\d+-\d+)$/.test(f))
    .filter((f) => job === undefined || Number(/\d+/.exec(f)![0]) === Number(job.split('-').at(-1)))
    .sort();

/**
 * Job files left once cupsd has had `timeoutMs` to remove them. cupsd unlinks a purged job's files
 * after it answers `cancel -x`, and other test files print through the same spool at the same time,
 * so a file seen at one instant may be on its way out: only one that stays is a leak.
 */
export async function spoolFilesThatStay(timeoutMs: number, job?: string): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = spooledJobFiles('/var/spool/cups', job);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((r) => setTimeout(r, 200));
  }
}
