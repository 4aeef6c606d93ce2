// The kiosk configuration file's schema (docs/configuration.md is the
// operator's reference and must list every field here). Validated with zod at start-up; each
// invalid field is reported by path. Defaults give the demo kiosk: simulator records, demo
// signing keys, demo clerk PIN. A real signer makes the clerk PIN hash mandatory.
import { z } from 'zod';
import { PIN_HASH_PATTERN } from '../clerk/pin-hash';
import { idFormatConfigSchema } from '../id/genesenen-id';
import { printerConfigSchema } from '../print/printer-config';
import { MAX_WINDOW_SECONDS } from '../registry/attempt-limits';
import { recordSourceConfigSchema } from '../records/record-source-config';

/** Language codes used across the app; `de-ls` is German in Leichte Sprache. */
export const KIOSK_LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl', 'de-ls'] as const;
export type KioskLanguage = (typeof KIOSK_LANGUAGES)[number];

const days = (dflt: number) => z.int().min(0).max(3650).default(dflt);
const attemptRule = (max: number, windowSeconds: number) =>
  z
    .strictObject({ max: z.int().min(1).max(10_000), windowSeconds: z.int().min(60).max(MAX_WINDOW_SECONDS) })
    .default({ max, windowSeconds });
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE');

export const signerConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('demo') }),
  z.strictObject({
    kind: z.literal('pem'),
    /** PKCS#8 PEM of the DSC's private key (keep it 0600, readable only by the kiosk user). */
    keyPath: z.string().min(1).max(1024),
    /** The DSC, PEM or DER. */
    certPath: z.string().min(1).max(1024),
  }),
]);

export const rulesConfigSchema = z
  .strictObject({
    /** df = first positive test + dfOffsetDays (docs/dcc-notes.md §8: German practice 28). */
    dfOffsetDays: days(28),
    /** du = first positive test + duOffsetDays (EU maximum 180). */
    duOffsetDays: days(180),
    /** Refuse before this day after the test (TOO_EARLY) … */
    earliestIssueDay: days(28),
    /** … and after this one (TOO_LATE). */
    latestIssueDay: days(180),
    /** `co`: country of the test. */
    country: countryCode.default('DE'),
    /** CWT `iss`. */
    issuingCountry: countryCode.default('DE'),
    /** `is`: issuing organisation; default depends on demo mode (config-defaults.ts). */
    issuer: z.string().trim().min(1).max(80).optional(),
    /** The ISSUER segment of the UVCI, `URN:UVCI:01:DE:<uvciPrefix>/…`. */
    uvciPrefix: z.string().regex(/^[A-Z0-9]{1,20}$/, 'must be 1-20 characters A-Z 0-9').optional(),
  })
  .superRefine((r, ctx) => {
    if (r.dfOffsetDays > r.duOffsetDays)
      ctx.addIssue({ code: 'custom', path: ['dfOffsetDays'], message: 'must not be after duOffsetDays' });
    if (r.earliestIssueDay > r.latestIssueDay)
      ctx.addIssue({ code: 'custom', path: ['earliestIssueDay'], message: 'must not be after latestIssueDay' });
    if (r.latestIssueDay > r.duOffsetDays)
      ctx.addIssue({ code: 'custom', path: ['latestIssueDay'], message: 'must not be after duOffsetDays (certificate would be expired)' });
  });

export const clerkConfigSchema = z.strictObject({
  /** `scrypt:<salt>:<hash>`, made with `npx tsx core/clerk/hash-pin-cli.ts`. */
  pinHash: z.string().regex(PIN_HASH_PATTERN, 'must be scrypt:<salt>:<hash> as printed by core/clerk/hash-pin-cli.ts').optional(),
  sessionMinutes: z.int().min(1).max(60).default(10),
  idleLockSeconds: z.int().min(15).max(3600).default(120),
});

/** Audit log key and size cap (docs/audit.md). */
export const auditConfigSchema = z.strictObject({
  /** 64 hex digits, mode 0600, outside the data directory; default `<dataDir>-secrets/audit.key`. */
  keyFile: z.string().min(1).max(1024).optional(),
  /** Cap on the audit directory; past 80 % the clerk status shows AUDIT_SPACE_LOW. */
  maxBytes: z.int().min(64 * 1024).max(1024 ** 4).default(1024 ** 3),
});

export const uiConfigSchema = z
  .strictObject({
    languages: z
      .array(z.enum(KIOSK_LANGUAGES))
      .min(1)
      .refine((l) => new Set(l).size === l.length, 'languages must not repeat')
      .default([...KIOSK_LANGUAGES]),
    idleTimeoutSeconds: z.int().min(15).max(3600).default(90),
    idleWarningSeconds: z.int().min(5).max(300).default(30),
  })
  .refine((u) => u.idleWarningSeconds < u.idleTimeoutSeconds, {
    path: ['idleWarningSeconds'],
    message: 'must be shorter than idleTimeoutSeconds',
  });

export const kioskConfigFileSchema = z
  .strictObject({
    /** Names this kiosk in the registry and audit log; default derived from the host name. */
    kioskId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and hyphens (max 64)').optional(),
    recordSource: recordSourceConfigSchema.optional(),
    signer: signerConfigSchema.default({ kind: 'demo' }),
    registryPath: z.string().min(1).max(1024).optional(),
    rules: rulesConfigSchema.default(rulesConfigSchema.parse({})),
    idFormat: idFormatConfigSchema.optional(),
    attemptLimits: z
      .strictObject({
        perId: attemptRule(5, 24 * 3600),
        perKiosk: attemptRule(20, 3600),
        clerkPin: attemptRule(5, 15 * 60),
      })
      .default({ perId: { max: 5, windowSeconds: 24 * 3600 }, perKiosk: { max: 20, windowSeconds: 3600 }, clerkPin: { max: 5, windowSeconds: 900 } }),
    printers: z
      .array(printerConfigSchema)
      .max(16)
      .refine((ps) => new Set(ps.map((p) => p.name)).size === ps.length, 'printer names must be unique')
      .default([]),
    clerk: clerkConfigSchema.default(clerkConfigSchema.parse({})),
    audit: auditConfigSchema.default(auditConfigSchema.parse({})),
    ui: uiConfigSchema.default(uiConfigSchema.parse({})),
    logDir: z.string().min(1).max(1024).optional(),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .superRefine((c, ctx) => {
    if (c.signer.kind !== 'demo' && c.clerk.pinHash === undefined)
      ctx.addIssue({ code: 'custom', path: ['clerk', 'pinHash'], message: 'required when a real signer is configured' });
  });

export type KioskConfigFile = z.output<typeof kioskConfigFileSchema>;
export type SignerConfig = z.output<typeof signerConfigSchema>;
export type RulesConfig = z.output<typeof rulesConfigSchema>;
