// The kiosk configuration file's schema (docs/configuration.md is the
// operator's reference and must list every field here). Validated with zod at start-up; each
// invalid field is reported by path. Defaults give the demo kiosk: simulator records, demo
// signing keys, demo clerk PIN. A real signer makes the clerk PIN hash mandatory.
import { z } from 'zod';
import { PIN_HASH_PATTERN } from '../clerk/pin-hash';
import { idFormatConfigSchema } from '../id/genesenen-id';
import { metricsConfigSchema } from '../metrics/metrics-config';
import { printerConfigSchema } from '../print/printer-config';
import { MAX_WINDOW_SECONDS, type AttemptRule } from '../registry/attempt-limits';
import { recordSourceConfigSchema } from '../records/record-source-config';

/** Language codes used across the app; `de-ls` is German in Leichte Sprache. */
export const KIOSK_LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl', 'de-ls'] as const;
export type KioskLanguage = (typeof KIOSK_LANGUAGES)[number];

const days = (dflt: number) => z.int().min(0).max(3650).default(dflt);
const attemptDelay = z
  .strictObject({ firstSeconds: z.int().min(1).max(3600), maxSeconds: z.int().min(1).max(MAX_WINDOW_SECONDS) })
  .refine((d) => d.firstSeconds <= d.maxSeconds, { message: 'firstSeconds must not exceed maxSeconds' });
const attemptRule = (dflt: AttemptRule) =>
  z
    .strictObject({
      max: z.int().min(1).max(10_000),
      windowSeconds: z.int().min(60).max(MAX_WINDOW_SECONDS),
      delay: attemptDelay.optional(),
    })
    .refine((r) => !r.delay || r.delay.maxSeconds <= r.windowSeconds, {
      message: 'delay.maxSeconds must not exceed windowSeconds',
      path: ['delay', 'maxSeconds'],
    })
    .default(dflt);
/**
 * The kiosk-wide limit waits instead of locking for the hour: a citizen after a guesser waits at
 * most 15 minutes, while guessing stays at about 27 wrong entries an hour (docs/configuration.md).
 */
const PER_KIOSK_DEFAULT: AttemptRule = {
  max: 20,
  windowSeconds: 3600,
  delay: { firstSeconds: 30, maxSeconds: 900 },
};
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE');

const filePath = z.string().min(1).max(1024);
const httpsUrl = z
  .url({ protocol: /^https$/ })
  .refine((u) => !/[@?#]/.test(u.replace(/^https:\/\//, '')), 'no credentials, query or fragment in baseUrl');

/** The kinds that hold a real key (docs/configuration.md, "signer"); `next` may be any of them. */
const pemSignerSchema = z.strictObject({
  kind: z.literal('pem'),
  /** PKCS#8 PEM of the DSC's private key; must be 0600 and owned by the kiosk user. */
  keyPath: filePath,
  /** The DSC, PEM or DER. */
  certPath: filePath,
  /** For an encrypted PKCS#8 key: file (or systemd credential) holding its passphrase. */
  passphraseFile: filePath.optional(),
});
const pkcs11SignerSchema = z.strictObject({
  kind: z.literal('pkcs11'),
  /** The token's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so. */
  module: filePath,
  tokenLabel: z.string().min(1).max(32),
  keyLabel: z.string().min(1).max(128),
  /** File (or systemd credential) holding the user PIN; must be 0600 / 0400. */
  pinFile: filePath,
  /** The DSC of the token's key, PEM or DER. */
  dscPath: filePath,
});
const remoteSignerSchema = z.strictObject({
  kind: z.literal('remote'),
  /** The issuer's signing service; the kiosk calls `<baseUrl>/api/certify/v2/issue/hash`. */
  baseUrl: httpsUrl,
  /** The service's DSC (its kid goes into the protected header; signatures are checked against it). */
  dscPath: filePath,
  /** mTLS client certificate and key the service knows this kiosk by; CA of the service. */
  clientCertPath: filePath,
  clientKeyPath: filePath,
  caPath: filePath.optional(),
  /** Bearer token file, when the service requires an app token. */
  tokenFile: filePath.optional(),
  /** Sent as SHA-256 hex in X-Location-Id; default the kioskId. */
  locationId: z.string().min(1).max(256).optional(),
  /** The citizen's whole wait for one signature, retries included. */
  timeoutMs: z.int().min(500).max(60_000).default(10_000),
  /** Extra attempts after a failure that cannot have produced a different signature. */
  retries: z.int().min(0).max(2).default(1),
});

const from = { from: z.iso.datetime({ offset: true }) };
/** DSC rotation: this signer takes over at `from` (ISO 8601 with offset), without a restart. */
const nextSignerSchema = z.discriminatedUnion('kind', [
  pemSignerSchema.extend(from),
  pkcs11SignerSchema.extend(from),
  remoteSignerSchema.extend(from),
]);
const next = { next: nextSignerSchema.optional() };

export const signerConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('demo') }),
  pemSignerSchema.extend(next),
  pkcs11SignerSchema.extend(next),
  remoteSignerSchema.extend(next),
]);

export const rulesConfigSchema = z
  .strictObject({
    /** df = first positive test + dfOffsetDays (docs/dcc-notes.md §8: German practice 28). */
    dfOffsetDays: days(28),
    /** du = first positive test + duOffsetDays (EU maximum 180). */
    duOffsetDays: days(180),
    /** Refuse before this day after the test (TOO_EARLY) … */
    earliestIssueDay: days(28),
    /**
     * … and after this one (TOO_LATE). 179, not 180: on the du day itself every verifier already
     * rejects the certificate (RR-EU-0001: clock ≤ du at 00:00 UTC), see docs/business-rules.md.
     */
    latestIssueDay: days(179),
    /** `co`: country of the test. */
    country: countryCode.default('DE'),
    /** CWT `iss`. */
    issuingCountry: countryCode.default('DE'),
    /** `is`: issuing organisation; default depends on demo mode (config-defaults.ts). */
    issuer: z.string().trim().min(1).max(80).optional(),
    /** The ISSUER segment of the UVCI, `URN:UVCI:01:DE:<uvciPrefix>/…`. */
    uvciPrefix: z
      .string()
      .regex(/^[A-Z0-9]{1,20}$/, 'must be 1-20 characters A-Z 0-9')
      .optional(),
    /**
     * The business-rule file checked before release: a path (relative to the config file) or a
     * shipped set, `builtin:de-recovery-2021` (default) or `builtin:de-recovery-2022`.
     */
    businessRules: z.string().min(1).max(1024).default('builtin:de-recovery-2021'),
    /** Whose acceptance rules apply (plus the EU templates). */
    acceptanceCountry: countryCode.default('DE'),
    /** Warn the citizen when the certificate is accepted for fewer days than this. */
    minAcceptedDays: z.int().min(0).max(365).default(7),
  })
  .superRefine((r, ctx) => {
    if (r.dfOffsetDays > r.duOffsetDays)
      ctx.addIssue({ code: 'custom', path: ['dfOffsetDays'], message: 'must not be after duOffsetDays' });
    if (r.earliestIssueDay > r.latestIssueDay)
      ctx.addIssue({ code: 'custom', path: ['earliestIssueDay'], message: 'must not be after latestIssueDay' });
    if (r.latestIssueDay >= r.duOffsetDays)
      ctx.addIssue({
        code: 'custom',
        path: ['latestIssueDay'],
        message: 'must be before duOffsetDays (on the du day verifiers already reject the certificate)',
      });
  });

/** The fleet registry (docs/fleet.md); absent = embedded SQLite at `registryPath`. */
export const registryConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sqlite') }),
  z.strictObject({
    kind: z.literal('postgres'),
    /** postgres://role@host[,host2]:port/db — a password belongs in ~/.pgpass or PGPASSWORD, not here. */
    url: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .max(2048),
    /** 32 random bytes shared by every kiosk of the fleet; never stored in the database. */
    idHashKeyFile: z.string().min(1).max(1024),
    /** Certificate files for verify-full TLS (the server's CA, the kiosk's client certificate). */
    tls: z
      .strictObject({
        caPath: z.string().min(1).max(1024),
        certPath: z.string().min(1).max(1024).optional(),
        keyPath: z.string().min(1).max(1024).optional(),
      })
      .optional(),
    /** Connections per kiosk process. */
    poolSize: z.int().min(1).max(20).default(4),
    /** The longest one registry call may take before the kiosk answers REGISTRY_UNAVAILABLE. */
    deadlineMs: z.int().min(200).max(60_000).default(5000),
  }),
]);

/** A clerk's id: short, lower-case, typed at the unlock dialog; written to audit lines. Never a
 *  person's full name (docs/configuration.md, "Clerk accounts"): a staff number or a short handle. */
export const CLERK_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;
/** The id `clerk.pinHash` (one PIN, older configs) and the demo clerk get. */
export const SINGLE_CLERK_ID = 'clerk';

const pinHashField = z
  .string()
  .regex(PIN_HASH_PATTERN, 'must be scrypt:<salt>:<hash> as printed by npm run cli -- clerk add');

export const clerkAccountSchema = z.strictObject({
  id: z.string().regex(CLERK_ID_PATTERN, 'must be 2-32 lower-case letters, digits, dots, hyphens or underscores'),
  pinHash: pinHashField,
});

export const clerkConfigSchema = z
  .strictObject({
    /** One PIN for every clerk (older configs): the account `clerk`, hashed without pepper. */
    pinHash: pinHashField.optional(),
    /** One entry per clerk, made with `npm run cli -- clerk add --id ID`. */
    accounts: z
      .array(clerkAccountSchema)
      .min(1)
      .max(500)
      .refine((a) => new Set(a.map((x) => x.id)).size === a.length, 'clerk ids must be unique')
      .optional(),
    /** Secret mixed into account PIN hashes; outside the data directory, mode 0600. */
    pepperFile: filePath.optional(),
    /** Clerk accounts also from the fleet registry's `clerk_account` table (docs/fleet.md, "Clerk
     *  accounts for the fleet"): one `clerk add` serves every kiosk. Needs a PostgreSQL registry and
     *  the fleet's pepper file. */
    accountsInRegistry: z.boolean().default(false),
    /** Reissues per ID before a second clerk has to confirm (docs/configuration.md). */
    maxReissuesPerId: z.int().min(0).max(100).default(2),
    sessionMinutes: z.int().min(1).max(60).default(10),
    idleLockSeconds: z.int().min(15).max(3600).default(120),
  })
  .refine((c) => c.pinHash === undefined || c.accounts === undefined, {
    path: ['accounts'],
    message: 'give pinHash or accounts, not both (pinHash is the single account "clerk")',
  });

/** Audit log key and size cap (docs/audit.md). */
export const auditConfigSchema = z.strictObject({
  /** 64 hex digits, mode 0600, outside the data directory; default `<dataDir>-secrets/audit.key`. */
  keyFile: z.string().min(1).max(1024).optional(),
  /** Cap on the audit directory; past 80 % the clerk status shows AUDIT_SPACE_LOW. */
  maxBytes: z
    .int()
    .min(64 * 1024)
    .max(1024 ** 4)
    .default(1024 ** 3),
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
    /** Inactivity before the warning while a certificate is on screen (capped at idleTimeoutSeconds). */
    resultIdleTimeoutSeconds: z.int().min(15).max(3600).default(45),
  })
  .refine((u) => u.idleWarningSeconds < u.idleTimeoutSeconds, {
    path: ['idleWarningSeconds'],
    message: 'must be shorter than idleTimeoutSeconds',
  });

export const kioskConfigFileSchema = z
  .strictObject({
    /** Names this kiosk in the registry and audit log; default derived from the host name. */
    kioskId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and hyphens (max 64)')
      .optional(),
    /** The citizen office this kiosk stands in (usage figures per office, log lines, metrics). */
    office: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and hyphens (max 64)')
      .optional(),
    recordSource: recordSourceConfigSchema.optional(),
    signer: signerConfigSchema.default({ kind: 'demo' }),
    registryPath: z.string().min(1).max(1024).optional(),
    registry: registryConfigSchema.optional(),
    rules: rulesConfigSchema.default(rulesConfigSchema.parse({})),
    idFormat: idFormatConfigSchema.optional(),
    attemptLimits: z
      .strictObject({
        perId: attemptRule({ max: 5, windowSeconds: 24 * 3600 }),
        perKiosk: attemptRule(PER_KIOSK_DEFAULT),
        clerkPin: attemptRule({ max: 5, windowSeconds: 15 * 60 }),
      })
      .default({
        perId: { max: 5, windowSeconds: 24 * 3600 },
        perKiosk: PER_KIOSK_DEFAULT,
        clerkPin: { max: 5, windowSeconds: 900 },
      }),
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
    /** Also write every log line to standard output (journald under systemd), besides the file. */
    logToStdout: z.boolean().default(false),
    /** Prometheus endpoint (docs/monitoring.md); absent = off. */
    metrics: metricsConfigSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.registry?.kind === 'postgres' && c.registryPath !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['registryPath'],
        message: 'is the SQLite file; remove it when registry.kind is postgres',
      });
    if (c.clerk.accountsInRegistry && c.registry?.kind !== 'postgres')
      ctx.addIssue({
        code: 'custom',
        path: ['clerk', 'accountsInRegistry'],
        message: 'needs registry.kind postgres (the accounts live in the fleet registry)',
      });
    if (c.clerk.accountsInRegistry && c.clerk.pepperFile === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['clerk', 'pepperFile'],
        message: 'required with clerk.accountsInRegistry (the fleet pepper every kiosk shares)',
      });
    if (
      c.signer.kind !== 'demo' &&
      c.clerk.pinHash === undefined &&
      c.clerk.accounts === undefined &&
      !c.clerk.accountsInRegistry
    )
      ctx.addIssue({
        code: 'custom',
        path: ['clerk', 'pinHash'],
        message: 'required (or clerk.accounts, or clerk.accountsInRegistry) when a real signer is configured',
      });
    // Account PINs are 6+ digits; without a pepper a stolen config would still allow an offline guess.
    if (c.signer.kind !== 'demo' && c.clerk.accounts !== undefined && c.clerk.pepperFile === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['clerk', 'pepperFile'],
        message: 'required with clerk.accounts when a real signer is configured',
      });
    // A real signer makes certificates every verifier accepts: they must be about real people.
    if (c.signer.kind !== 'demo' && (c.recordSource === undefined || c.recordSource.kind === 'simulator'))
      ctx.addIssue({
        code: 'custom',
        path: ['recordSource'],
        message: `a real signer (${c.signer.kind}) needs a real record source (dikoma or sormas); the simulator and fixtures serve invented people`,
      });
  });

export type KioskConfigFile = z.output<typeof kioskConfigFileSchema>;
export type SignerConfig = z.output<typeof signerConfigSchema>;
/** One signer with a real key (the `next` of a rotation without its `from`). */
export type KeySignerConfig =
  z.output<typeof pemSignerSchema> | z.output<typeof pkcs11SignerSchema> | z.output<typeof remoteSignerSchema>;
export type RulesConfig = z.output<typeof rulesConfigSchema>;
export type RegistryConfig = z.output<typeof registryConfigSchema>;
export type PgRegistryConfig = Extract<RegistryConfig, { kind: 'postgres' }>;
