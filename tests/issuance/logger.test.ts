// The privacy-safe logger: only whitelisted keys with the right shape reach a line, so a name,
// a date of birth or an error message cannot be logged by accident; the file sink rotates.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileSink } from '../../core/log/file-sink';
import { createLogger, errorName, memorySink, REDACTED, teeSink, type LogFields } from '../../core/log/logger';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('logger', () => {
  it('writes one JSON object per line with ts, level and event', () => {
    const sink = memorySink();
    const log = createLogger({ sink, now: () => new Date('2021-08-01T10:00:00Z') });
    log.info('issuance.issued', {
      uvci: 'URN:UVCI:01:DE:DEMO/ABC#D',
      durationMs: 12,
      idHash: 'ab'.repeat(32),
      demo: true,
    });
    expect(sink.lines.map((l) => JSON.parse(l))).toEqual([
      {
        ts: '2021-08-01T10:00:00.000Z',
        level: 'info',
        event: 'issuance.issued',
        uvci: 'URN:UVCI:01:DE:DEMO/ABC#D',
        durationMs: 12,
        idHash: 'ab'.repeat(32),
        demo: true,
      },
    ]);
  });

  it('drops keys outside the whitelist and redacts values of the wrong shape', () => {
    const sink = memorySink();
    const log = createLogger({ sink });
    const sneaky = {
      familyName: 'Mustermann',
      dateOfBirth: '1964-08-12',
      message: 'Erika Mustermann not found',
    } as unknown as LogFields;
    log.warn('issuance.refused', {
      ...sneaky,
      code: 'NOT_FOUND',
      status: 'Mustermann',
      idHash: '1964-08-12',
      kind: 'erika mustermann',
    });
    const line = sink.lines[0]!;
    expect(line).not.toMatch(/Mustermann|1964|Erika/i);
    expect(JSON.parse(line)).toMatchObject({ code: 'NOT_FOUND', status: REDACTED, idHash: REDACTED, kind: REDACTED });
  });

  it('honours the minimum level and replaces malformed event names', () => {
    const sink = memorySink();
    const log = createLogger({ sink, level: 'warn' });
    log.info('a.b');
    log.error('Erika Mustermann.failed' as 'x.y');
    expect(sink.lines.map((l) => JSON.parse(l).event)).toEqual(['log.invalid-event']);
  });

  it('errorName gives a class name, never a message', () => {
    expect(errorName(new TypeError('Mustermann'))).toBe('TypeError');
    expect(errorName('Mustermann')).toBe('String');
    expect(errorName(null)).toBe('Unknown');
  });

  it('a failing sink does not throw into the caller', () => {
    const log = createLogger({
      sink: () => {
        throw new Error('disk full');
      },
    });
    expect(() => log.error('disk.full')).not.toThrow();
  });
});

describe('file sink', () => {
  it('rotates by size and keeps at most maxFiles files', () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-logs-'));
    const sink = createFileSink({ dir, maxBytes: 200, maxFiles: 3 });
    const log = createLogger({ sink });
    for (let i = 0; i < 40; i++) log.info('test.line', { count: i });
    expect(readdirSync(dir).sort()).toEqual(['kiosk.1.log', 'kiosk.2.log', 'kiosk.log']);
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).length).toBeLessThanOrEqual(200);
    const last = readFileSync(join(dir, 'kiosk.log'), 'utf8').trimEnd().split('\n').at(-1)!;
    expect(JSON.parse(last).count).toBe(39);
  });
});

describe('logger context for collectors', () => {
  it('adds kioskId, office and version to every line; a call cannot smuggle a bad value in', () => {
    const sink = memorySink();
    const context = { kioskId: 'kiosk-a', office: 'buergeramt-mitte', version: '1.2.3' };
    const log = createLogger({ sink, context });
    log.info('kiosk.started');
    log.warn('issuance.refused', { code: 'NOT_FOUND' });
    for (const line of sink.lines) expect(JSON.parse(line)).toMatchObject(context);
    const badSink = memorySink();
    createLogger({ sink: badSink, context: { office: 'Frau Mustermann' } }).info('a.b');
    expect(badSink.lines[0]).not.toContain('Mustermann');
    expect(JSON.parse(badSink.lines[0]!)).toMatchObject({ office: REDACTED });
  });

  it('tees lines to every sink; a failing sink does not stop the others', () => {
    const a = memorySink();
    const log = createLogger({
      sink: teeSink(() => {
        throw new Error('disk full');
      }, a),
    });
    log.info('x.y');
    expect(a.lines).toHaveLength(1);
  });
});
