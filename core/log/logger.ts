// Privacy-safe structured logger (product rule: nothing personal in logs). The API takes
// an event name plus a fields object whose keys come from a closed list of non-personal facts,
// and each value is checked against that key's shape at run time, so a name or a date of birth
// cannot reach a log line by accident: there is no free-text field, no `message`, no error text.
// Output: one JSON object per line, to an injectable sink (file sink: ./file-sink.ts).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVEL_ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Event names are dotted lower-case identifiers, e.g. `issuance.issued`, `print.failed`. */
export type LogEvent = `${Lowercase<string>}.${Lowercase<string>}`;

/** Every key a log line may carry. Adding a key means deciding it can never be personal. */
export interface LogFields {
  /** An error code from core/errors.ts or a Node/system code (ENOENT). */
  readonly code?: string;
  readonly durationMs?: number;
  /** Keyed hash of the Genesenen-ID (core/registry/id-hash.ts), never the ID itself. */
  readonly idHash?: string;
  readonly uvci?: string;
  readonly kid?: string;
  readonly kioskId?: string;
  /** The citizen office from the configuration (a slug such as `buergeramt-mitte`). */
  readonly office?: string;
  /** Short lower-case machine words (or an HTTP status number for `status`). */
  readonly status?: string | number;
  readonly state?: string;
  readonly kind?: string;
  /** Record source name and the outcome/operation/cause words its adapters log. */
  readonly source?: string;
  readonly outcome?: string;
  readonly operation?: string;
  readonly cause?: string;
  readonly method?: string;
  readonly format?: string;
  readonly channel?: string;
  readonly lang?: string;
  /** A configured printer's name (set by the operator in the config file). */
  readonly printer?: string;
  readonly count?: number;
  readonly bytes?: number;
  /** Milliseconds, as the print service names it (same meaning as durationMs). */
  readonly ms?: number;
  readonly paperLow?: boolean;
  readonly jobId?: number | string;
  readonly attempt?: number;
  readonly port?: number;
  readonly pid?: number;
  readonly version?: string;
  readonly demo?: boolean;
  /** A business rule, `RR-DE-0002 1.0.3` (docs/business-rules.md). */
  readonly rule?: string;
  /** Class name of a caught exception (`TypeError`); never its message. */
  readonly errorName?: string;
}

export type LogKey = keyof LogFields;

const LOWER_WORD = /^[a-z][a-z0-9._-]{0,63}$/;
type Check = (value: unknown) => boolean;
const matches =
  (re: RegExp): Check =>
  (v) =>
    typeof v === 'string' && re.test(v);
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isBoolean: Check = (v) => typeof v === 'boolean';
const word = matches(LOWER_WORD);
const codeLike = matches(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);

const FIELD_CHECKS: Readonly<Record<LogKey, Check>> = {
  code: codeLike,
  durationMs: isNumber,
  idHash: matches(/^[0-9a-f]{16,64}$/),
  uvci: matches(/^URN:UVCI:[A-Z0-9:/]{1,70}(#[A-Z0-9:/])?$/),
  kid: matches(/^[A-Za-z0-9+/=]{1,24}$/),
  kioskId: matches(/^[a-z0-9][a-z0-9-]{0,63}$/),
  office: matches(/^[a-z0-9][a-z0-9-]{0,63}$/),
  status: (v) => word(v) || isNumber(v),
  state: word,
  kind: word,
  source: word,
  outcome: (v) => word(v) || codeLike(v),
  operation: word,
  cause: (v) => word(v) || codeLike(v),
  method: matches(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/),
  format: word,
  channel: matches(/^[a-z][a-z0-9:._-]{0,63}$/),
  lang: matches(/^[a-z]{2}(-[a-z]{2})?$/),
  printer: matches(/^[A-Za-z0-9 ._-]{1,64}$/),
  count: isNumber,
  bytes: isNumber,
  ms: isNumber,
  paperLow: isBoolean,
  jobId: (v) => isNumber(v) || matches(/^[A-Za-z0-9_.-]{1,64}$/)(v),
  attempt: isNumber,
  port: isNumber,
  pid: isNumber,
  version: matches(/^[0-9A-Za-z.+-]{1,32}$/),
  demo: isBoolean,
  rule: matches(/^[A-Z]{2}-[A-Z]{2}-\d{4}( \d{1,4}\.\d{1,4}\.\d{1,4})?$/),
  errorName: matches(/^[A-Z][A-Za-z0-9]{0,63}$/),
};

export const REDACTED = '[redacted]';

/** Drops unknown keys and replaces any value that does not have its key's shape. */
export function sanitizeFields(fields: LogFields): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || !Object.prototype.hasOwnProperty.call(FIELD_CHECKS, key)) continue;
    out[key] = FIELD_CHECKS[key as LogKey](value) ? (value as string | number | boolean) : REDACTED;
  }
  return out;
}

export interface LogRecord {
  readonly ts: string;
  readonly level: LogLevel;
  readonly event: string;
  readonly [key: string]: string | number | boolean;
}

export type LogSink = (line: string, record: LogRecord) => void;

export interface Logger {
  debug(event: LogEvent, fields?: LogFields): void;
  info(event: LogEvent, fields?: LogFields): void;
  warn(event: LogEvent, fields?: LogFields): void;
  error(event: LogEvent, fields?: LogFields): void;
}

const EVENT_SHAPE = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/** Fields every line carries, so a log collector can tell kiosks, offices and builds apart. */
export type LogContext = Pick<LogFields, 'kioskId' | 'office' | 'version'>;

export function createLogger(opts: {
  sink: LogSink;
  level?: LogLevel;
  now?: () => Date;
  context?: LogContext;
}): Logger {
  const minLevel = LEVEL_ORDER[opts.level ?? 'info'];
  const now = opts.now ?? (() => new Date());
  const context = opts.context ? sanitizeFields(opts.context) : {};
  const write = (level: LogLevel, event: string, fields: LogFields | undefined): void => {
    if (LEVEL_ORDER[level] < minLevel) return;
    const record: LogRecord = {
      ts: now().toISOString(),
      level,
      event: EVENT_SHAPE.test(event) ? event : 'log.invalid-event',
      ...context,
      ...(fields ? sanitizeFields(fields) : {}),
    };
    try {
      opts.sink(JSON.stringify(record), record);
    } catch {
      // A full disk must not take the kiosk down with it; the audit log is the record that matters.
    }
  };
  return {
    debug: (e, f) => write('debug', e, f),
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
  };
}

/** Adapter for loggers of other modules that pass `(event, fields)` (core/records). */
export const asEventLog =
  (log: Logger) =>
  (event: string, fields: Readonly<Record<string, string | number | boolean>>): void =>
    log.info(event as LogEvent, fields as LogFields);

/** Writes each line to every sink; one failing sink (a full disk) does not silence the others. */
export function teeSink(...sinks: readonly LogSink[]): LogSink {
  return (line, record) => {
    for (const sink of sinks) {
      try {
        sink(line, record);
      } catch {
        // see createLogger: logging never takes the kiosk down
      }
    }
  };
}

/** Standard output, one JSON line each (journald stores it with the unit's name). */
export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/** A logger that drops everything (tests, and callers that did not inject one). */
export const silentLogger: Logger = createLogger({ sink: () => undefined });

/** Keeps lines in memory; for tests that assert what was (not) logged. */
export function memorySink(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  const sink: LogSink = (line) => {
    lines.push(line);
  };
  return Object.assign(sink, { lines });
}

/** `errorName` for a caught value: its constructor name if that looks like a class name. */
export function errorName(e: unknown): string {
  const name = (e as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && /^[A-Z][A-Za-z0-9]{0,63}$/.test(name) ? name : 'Unknown';
}
