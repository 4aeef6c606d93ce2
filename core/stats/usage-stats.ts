// Usage figures for the health and press offices (docs/monitoring.md, "Usage figures"): how many
// certificates were issued, reissued and superseded, and how many requests were refused by code,
// per UTC day, kiosk or office. Read from the registry (issuance rows: kiosk and times) and the
// audit log (refusals: kiosk, time, code). Only counts leave this module — no ID hash, UVCI or
// clerk session is ever copied out, so nothing here can be joined back to a person.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditFiles } from '../audit/audit-log';
import { readableIssuance } from '../registry/issuance-schema';

export type StatsGrouping = 'day' | 'kiosk' | 'office';

/** The refusal codes the issuance use case writes to the audit log (docs/configuration.md). */
export const REFUSAL_CODES = ['NOT_FOUND', 'TOO_EARLY', 'TOO_LATE', 'ALREADY_ISSUED', 'TOO_MANY_ATTEMPTS'] as const;

export interface StatsRow {
  readonly key: string;
  issued: number;
  reissued: number;
  /** Certificates replaced by a clerk reissue in the period (the kiosk has no other revocation). */
  superseded: number;
  refused: number;
  readonly refusals: Record<string, number>;
}

export interface UsageStats {
  readonly from: string;
  readonly to: string;
  readonly by: StatsGrouping;
  readonly rows: readonly StatsRow[];
  readonly total: StatsRow;
}

export interface StatsSources {
  readonly registryPath: string;
  readonly auditDir: string;
  /** kioskId → office, from the configuration files given. */
  readonly offices: ReadonlyMap<string, string>;
}

export const UNKNOWN_OFFICE = '(unknown)';
const DAY_MS = 86_400_000;

const emptyRow = (key: string): StatsRow => ({
  key,
  issued: 0,
  reissued: 0,
  superseded: 0,
  refused: 0,
  refusals: Object.fromEntries(REFUSAL_CODES.map((c) => [c, 0])),
});

/** Counts events with `at` in [from 00:00 UTC, to 24:00 UTC). */
export function usageStats(src: StatsSources, from: string, to: string, by: StatsGrouping): UsageStats {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`) + DAY_MS;
  const rows = new Map<string, StatsRow>();
  const total = emptyRow('total');
  const keyOf = (kioskId: string, at: number): string =>
    by === 'day'
      ? new Date(at).toISOString().slice(0, 10)
      : by === 'kiosk'
        ? kioskId
        : (src.offices.get(kioskId) ?? UNKNOWN_OFFICE);
  const count = (kioskId: string, at: number, add: (r: StatsRow) => void): void => {
    if (!(at >= start && at < end)) return;
    const key = keyOf(kioskId, at);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = emptyRow(key)));
    add(row);
    add(total);
  };

  const db = new Database(src.registryPath, { readonly: true, fileMustExist: true });
  try {
    const issuances = db
      .prepare(
        `SELECT kiosk_id, issued_at, superseded_at, replaces_uvci IS NOT NULL AS reissue FROM ${readableIssuance(db)}
         WHERE status IN ('issued', 'superseded') AND (issued_at BETWEEN ? AND ? OR superseded_at BETWEEN ? AND ?)`,
      )
      .all(start, end, start, end) as {
      kiosk_id: string;
      issued_at: number;
      superseded_at: number | null;
      reissue: number;
    }[];
    for (const r of issuances) {
      count(r.kiosk_id, r.issued_at, (row) => (r.reissue ? row.reissued++ : row.issued++));
      // Counted for the kiosk that issued the replaced certificate, on the day it was replaced.
      if (r.superseded_at !== null) count(r.kiosk_id, r.superseded_at, (row) => row.superseded++);
    }
  } finally {
    db.close();
  }

  const fromMonth = from.slice(0, 7);
  const toMonth = to.slice(0, 7);
  for (const file of auditFiles(src.auditDir)) {
    const month = file.slice('audit-'.length, 'audit-'.length + 7);
    if (month < fromMonth || month > toMonth) continue;
    for (const line of readFileSync(join(src.auditDir, file), 'utf8').split('\n')) {
      if (!line.includes('"issuance.refused"')) continue;
      let entry: { event?: unknown; kioskId?: unknown; ts?: unknown; code?: unknown };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        continue; // a torn last line after a crash (core/audit/audit-log.ts)
      }
      if (entry.event !== 'issuance.refused' || typeof entry.kioskId !== 'string' || typeof entry.ts !== 'string')
        continue;
      const code = typeof entry.code === 'string' ? entry.code : 'UNKNOWN';
      count(entry.kioskId, Date.parse(entry.ts), (row) => {
        row.refused++;
        row.refusals[code] = (row.refusals[code] ?? 0) + 1;
      });
    }
  }
  return { from, to, by, rows: [...rows.values()].sort((a, b) => a.key.localeCompare(b.key)), total };
}

/** CSV with a header; one line per group, then `total`. Refusal codes as columns. */
export function statsCsv(stats: UsageStats): string {
  const codes = [...new Set([...REFUSAL_CODES, ...Object.keys(stats.total.refusals)])];
  const header = [stats.by, 'issued', 'reissued', 'superseded', 'refused', ...codes.map((c) => `refused_${c}`)];
  const cell = (v: string | number) =>
    typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  const line = (r: StatsRow) =>
    [r.key, r.issued, r.reissued, r.superseded, r.refused, ...codes.map((c) => r.refusals[c] ?? 0)].map(cell).join(',');
  return `${[header.join(','), ...stats.rows.map(line), line(stats.total)].join('\n')}\n`;
}
