// The issuance use case: validate → limits → look up → already issued? → rules → reserve → sign →
// self-verify → release check (+ short-time consent) → commit (+ audit) → certificate. Never issues
// twice for one Genesenen-ID: the registry reservation is the gate, and the certificate leaves this
// function only after the commit is durable. Any failure after the reservation releases it (nothing
// was handed out). Order choice: the record lookup comes *before* the already-issued check, so that
// only someone who knows the ID, name and date of birth learns that (and when) a certificate was
// issued; a bare ID reveals nothing. Every outcome is a Result; nothing personal is logged.
import { revocationHashes } from '../revocation/revocation-hashes';
import { verifyHc1 } from '../dcc/verify';
import { issueRecoveryCertificate } from '../dcc/issue-certificate';
import { newUvci } from '../dcc/uvci';
import type { EncodedCertificate } from '../dcc/types';
import { errorName } from '../log/logger';
import type { RecoveryRecord } from '../records/record-source';
import type { Reservation } from '../registry/registry';
import type { AttemptTicket } from '../registry/registry-port';
import { err, ok, type AppError, type Err, type Result } from '../result';
import { releaseCheck, type RuleAcceptance } from '../rules/release-check';
import { cwtTimesFor, payloadMatches, type IssuanceDeps } from './issuance-deps';
import { lookupWithDeadline } from './lookup-deadline';
import { validateDateOfBirth, validateFamilyName } from './validate-request';
import { decideValidity, utcDay, type ValidityWindow } from './validity-rules';

export interface IssuanceRequest {
  readonly genesenenId: string;
  readonly familyName: string;
  readonly dateOfBirth: string;
  /** The citizen chose "issue anyway" after SHORT_ACCEPTANCE (docs/business-rules.md). */
  readonly acceptShortAcceptance?: boolean;
}

/** A clerk-authorised reissue: supersedes the issued certificate of the same ID. */
export interface ReissueAuthority {
  readonly clerkSession: string;
  /** The clerk account behind the session, audited as `clerkId` (docs/audit.md). */
  readonly clerkId: string;
  readonly reason: string;
  /** A second, different clerk whose id and PIN were checked in the same request: lets a reissue
   *  past `clerk.maxReissuesPerId` through (docs/configuration.md, "Clerk accounts"). */
  readonly confirmedBy?: string;
}

export interface IssuanceOutcome {
  readonly certificate: EncodedCertificate;
  readonly record: RecoveryRecord;
  readonly uvci: string;
  readonly window: ValidityWindow;
  readonly issuedAt: Date;
  readonly demo: boolean;
  readonly reissue: boolean;
  /** Until when a verifier in the acceptance country accepts it (core/rules/release-check.ts). */
  readonly acceptance: RuleAcceptance;
}

export interface IssuanceService {
  issue(request: IssuanceRequest, reissue?: ReissueAuthority): Promise<Result<IssuanceOutcome>>;
}

/** `clerk.maxReissuesPerId` when a caller gives none (docs/configuration.md). */
export const DEFAULT_MAX_REISSUES_PER_ID = 2;

/** From this many wrong entries for one ID, a NOT_FOUND says how many tries are left. */
export const TRIES_LEFT_FROM = 3;

/** Tell the tries left from the third wrong entry, and always when at most one is left. */
export const showTriesLeft = (failures: number, left: number): boolean => failures >= TRIES_LEFT_FROM || left <= 1;

export function createIssuanceService(deps: IssuanceDeps): IssuanceService {
  const { registry, limiter, log, rules, kioskId, recordBestEffort } = deps;
  const checkpoint = deps.checkpoint ?? (() => undefined);

  /** Records a refusal that concerns an ID (audit + log, by hash only). */
  const refuse = (
    idHash: string,
    code: 'NOT_FOUND' | 'TOO_MANY_ATTEMPTS' | 'ALREADY_ISSUED' | 'TOO_EARLY' | 'TOO_LATE',
  ) => {
    recordBestEffort({ event: 'issuance.refused', outcome: 'refused', idHash, code });
    log.info('issuance.refused', { code, idHash });
  };

  async function issue(request: IssuanceRequest, reissue?: ReissueAuthority): Promise<Result<IssuanceOutcome>> {
    const started = Date.now();
    const now = deps.now();
    const today = utcDay(now);
    const id = deps.idFormat.normalize(request.genesenenId);
    if (!id.ok) return id;
    const familyName = validateFamilyName(request.familyName);
    if (!familyName.ok) return familyName;
    const dob = validateDateOfBirth(request.dateOfBirth, today);
    if (!dob.ok) return dob;
    const ready = deps.signer(now);
    if (!ready.ok) return ready;
    const idHash = deps.hashId(id.value.normalized);

    // Counted before the lookup starts (attempts in flight count), settled after it.
    let tickets: readonly AttemptTicket[] = [];
    const settle = async (failed: boolean): Promise<Result<null>> => {
      const settling = tickets;
      tickets = [];
      return settling.length > 0 ? limiter.settle(settling, failed) : ok(null);
    };
    try {
      if (!reissue) {
        // The kiosk first: when both are limited, "ask staff" (details.scope 'kiosk') is the answer that helps.
        const allowed = await limiter.reserve([
          { scope: 'kiosk', key: kioskId, rule: deps.limits.perKiosk },
          { scope: 'id', key: idHash, rule: deps.limits.perId },
        ]);
        if (!allowed.ok) {
          if (allowed.error.code === 'TOO_MANY_ATTEMPTS') refuse(idHash, 'TOO_MANY_ATTEMPTS');
          return allowed;
        }
        tickets = allowed.value;
      }
      const lookup = await lookupWithDeadline(
        deps.recordSource,
        { genesenenId: id.value.normalized, familyName: familyName.value, dateOfBirth: dob.value },
        deps.lookupDeadlineMs,
      );
      if (!lookup.ok) {
        log.warn('issuance.source-failed', { code: lookup.error, kind: deps.recordSource.kind });
        return err(lookup.error);
      }
      const found = lookup.value;
      if (found.kind === 'no-match') {
        // Fail closed: a wrong entry that cannot be counted (registry read-only, full or down) gets
        // the registry's code, as a right one would at reserve — else NOT_FOUND is an unlimited oracle.
        const counted = await settle(true);
        if (!counted.ok) return counted;
        refuse(idHash, 'NOT_FOUND');
        // A clerk's reissue is not limited, so it has no tries to count down.
        return reissue ? err('NOT_FOUND') : notFound(idHash);
      }
      await settle(false); // a found record is not a guess; the attempt stops counting now
      // A clerk's reissue needs no consent: the clerk sees the warning with the result.
      const consented = reissue !== undefined || request.acceptShortAcceptance === true;
      return await issueFound(found.record, idHash, today, started, reissue, consented);
    } finally {
      // A found record, a source failure or an exception: the attempt is not a failed guess.
      await settle(false);
    }
  }

  /**
   * NOT_FOUND, from the third wrong entry for this ID (or when one try is left) with how many
   * tries are left, and with none left, when the ID's limit lifts (docs/configuration.md,
   * "Attempt limits"). A count the registry cannot give leaves the details out.
   */
  async function notFound(idHash: string): Promise<Result<never>> {
    const rule = deps.limits.perId;
    const left = await limiter.remaining('id', idHash, rule);
    if (!left.ok || !showTriesLeft(rule.max - left.value, left.value)) return err('NOT_FOUND');
    if (left.value > 0) return err('NOT_FOUND', { triesLeft: left.value });
    const locked = await limiter.check('id', idHash, rule);
    const details = locked.ok ? undefined : locked.error.details;
    if (typeof details?.until !== 'string') return err('NOT_FOUND', { triesLeft: 0 });
    const base = { triesLeft: 0, until: details.until };
    return err('NOT_FOUND', details.delay === true ? { ...base, delay: true } : base);
  }

  /** REISSUE_NEEDS_SECOND_CLERK (audited) when this ID has had its reissues; null to go on. */
  async function reissueLimit(idHash: string, reissue: ReissueAuthority | undefined): Promise<Result<never> | null> {
    if (!reissue || reissue.confirmedBy !== undefined) return null;
    const max = deps.maxReissuesPerId ?? DEFAULT_MAX_REISSUES_PER_ID;
    const done = await registry.reissueCount(idHash);
    if (!done.ok) return done;
    if (done.value < max) return null;
    recordBestEffort({
      event: 'issuance.refused',
      outcome: 'refused',
      idHash,
      code: 'REISSUE_NEEDS_SECOND_CLERK',
      clerk: reissue.clerkSession,
      clerkId: reissue.clerkId,
    });
    return err('REISSUE_NEEDS_SECOND_CLERK', { max });
  }

  async function issueFound(
    record: RecoveryRecord,
    idHash: string,
    today: string,
    started: number,
    reissue: ReissueAuthority | undefined,
    consented: boolean,
  ): Promise<Result<IssuanceOutcome>> {
    checkpoint('after-lookup');

    const issued = await registry.findIssued(idHash);
    if (!issued.ok) return issued;
    if (issued.value && !reissue) {
      refuse(idHash, 'ALREADY_ISSUED');
      return err('ALREADY_ISSUED', { issuedOn: utcDay(issued.value.issuedAt) });
    }
    // Nothing issued yet: the citizen's own way is open unless the ID's attempt limit locks it for
    // hours; then the clerk, who has checked the person's identity, issues the first certificate
    // (audited with clerk id and reason; docs/configuration.md, "Attempt limits").
    const firstByClerk = !issued.value && reissue !== undefined;
    if (firstByClerk) {
      const locked = await limiter.check('id', idHash, deps.limits.perId);
      if (locked.ok) return err('REISSUE_NOT_NEEDED');
      if (locked.error.code !== 'TOO_MANY_ATTEMPTS') return locked;
    }
    const supersedes = reissue !== undefined && !firstByClerk;
    // Many reissues of one ID are what a clerk handing out copies would leave: past the limit a
    // second clerk has to confirm. Checked before the reservation (no signature for a refusal)
    // and again while holding it (below).
    const early = await reissueLimit(idHash, supersedes ? reissue : undefined);
    if (early !== null) return early;

    const window = decideValidity(record.firstPositiveTest, today, rules);
    if (!window.ok) {
      refuse(idHash, window.error.code as 'TOO_EARLY' | 'TOO_LATE');
      return window;
    }

    const reserved = await registry.reserve(idHash, kioskId, () => newUvci(rules.uvciPrefix), {
      reissue: supersedes,
    });
    if (!reserved.ok) return reserved;
    const r = reserved.value;
    if (r.kind === 'already-issued') return err('ALREADY_ISSUED', { issuedOn: utcDay(r.issuedAt) });
    if (r.kind === 'not-issued') return err('REISSUE_NOT_NEEDED');
    if (r.kind === 'in-progress') return err('ISSUANCE_IN_PROGRESS');
    // A reservation is exclusive per ID, so the count read now cannot change before the commit:
    // a reissue that committed while the first count was on its way is counted here. Without
    // this, two reissues started together could both pass the first check.
    const held = await reissueLimit(idHash, supersedes ? reissue : undefined);
    if (held !== null) {
      void registry.release(r.reservation);
      return held;
    }
    checkpoint('after-reserve');

    const signed = await signAndCommit(r.reservation, record, window.value, reissue, consented, supersedes);
    if (!signed.ok) {
      // Asking for consent is not a failure: it was logged as issuance.short-acceptance-asked.
      if (signed.error.code !== 'SHORT_ACCEPTANCE') log.error('issuance.failed', { code: signed.error.code, idHash });
      return signed;
    }
    checkpoint('after-commit');
    log.info(supersedes ? 'issuance.reissued' : 'issuance.issued', {
      idHash,
      uvci: r.reservation.uvci,
      durationMs: Date.now() - started,
      demo: deps.demo,
    });
    return ok({
      certificate: signed.value.certificate,
      record,
      uvci: r.reservation.uvci,
      window: window.value,
      issuedAt: signed.value.issuedAt,
      demo: deps.demo,
      reissue: supersedes,
      acceptance: signed.value.acceptance,
    });
  }

  /** Everything between reserve and commit; releases the reservation on any failure. */
  async function signAndCommit(
    reservation: Reservation,
    record: RecoveryRecord,
    window: ValidityWindow,
    reissue: ReissueAuthority | undefined,
    consented: boolean,
    /** A reissue that replaces an issued certificate (else a first issuance, possibly by a clerk). */
    supersedes: boolean,
  ): Promise<Result<{ certificate: EncodedCertificate; issuedAt: Date; acceptance: RuleAcceptance }>> {
    /** Gives the reservation back, audits why, and passes the failure on unchanged. */
    const released = <F extends Err>(failure: F): F => {
      const { code, details } = failure.error;
      const rule = code === 'RULES_REJECTED' ? details?.rule : undefined;
      void registry.release(reservation);
      recordBestEffort({
        event: 'reservation.released',
        // Waiting for the citizen's answer is no failure: the line says the kiosk held it back.
        outcome: code === 'SHORT_ACCEPTANCE' ? 'refused' : 'failed',
        idHash: reservation.idHash,
        uvci: reservation.uvci,
        code,
        ...(typeof rule === 'string' ? { rule } : {}),
      });
      return failure;
    };
    try {
      const now = deps.now();
      const ready = deps.signer(now);
      if (!ready.ok) return released(ready);
      const times = cwtTimesFor(now, window.validUntil, ready.value.dsc.notAfter, rules.issuingCountry);
      if (!times.ok) return released(times);
      const cert = await issueRecoveryCertificate(
        {
          familyName: record.familyName,
          givenName: record.givenName,
          dateOfBirth: record.dateOfBirth,
          firstPositiveTest: record.firstPositiveTest,
          validFrom: window.validFrom,
          validUntil: window.validUntil,
          country: rules.country,
          issuer: rules.issuer,
          uvci: reservation.uvci,
        },
        ready.value.signer,
        times.value,
      );
      if (!cert.ok) return released(cert);
      checkpoint('after-sign');
      // Self-verify with the verifier a checking app would use: what we hand out must pass.
      const report = await verifyHc1(cert.value.hc1, { dscs: [ready.value.dsc.der] }, { now });
      if (!report.ok) return released(err('SELF_VERIFY_FAILED', { check: report.error.code }));
      const verified = report.value;
      if (!payloadMatches(verified.payload, cert.value.payload)) return released(err('SELF_VERIFY_FAILED'));
      // The release check: every business rule a verifier in the acceptance country applies must
      // pass at this very moment, else nothing is released (docs/business-rules.md).
      const acceptance = releaseCheck(
        {
          payload: verified.payload,
          issuedAt: times.value.issuedAt,
          expiresAt: times.value.expiresAt,
          issuerCountryCode: times.value.issuingCountry,
          kid: verified.kid ?? '',
        },
        now,
        { ruleSet: deps.ruleSet, acceptanceCountry: rules.acceptanceCountry, minAcceptedDays: rules.minAcceptedDays },
      );
      if (!acceptance.ok) {
        const rule = acceptance.error.details?.rule;
        log.warn('issuance.rules-rejected', {
          idHash: reservation.idHash,
          ...(typeof rule === 'string' ? { rule } : {}),
        });
        return released(acceptance);
      }
      if (acceptance.value.warning && !consented) return released(askConsent(acceptance.value, reservation.idHash));
      checkpoint('after-verify');
      const revocation = revocationHashes(cert.value.hc1);
      // The audit line is written inside the commit transaction: if it cannot be written, the
      // commit aborts and the certificate is not handed out (the log never lacks an issuance).
      const committed = await registry.commit(
        reservation,
        {
          event: supersedes ? 'certificate.reissued' : 'certificate.issued',
          outcome: 'ok',
          idHash: reservation.idHash,
          uvci: reservation.uvci,
          ...(reservation.replacesUvci ? { supersedes: reservation.replacesUvci } : {}),
          // EU revocation hashes (docs/revocation.md): the audit log is their append-only store.
          ...(revocation ? { revocation } : {}),
          ...(reissue ? { clerk: reissue.clerkSession, clerkId: reissue.clerkId, reason: reissue.reason } : {}),
          ...(reissue?.confirmedBy ? { confirmedBy: reissue.confirmedBy } : {}),
        },
        {
          beforeAudit: () => checkpoint('commit-before-audit'),
          afterAudit: () => checkpoint('commit-after-audit'),
        },
      );
      if (!committed.ok) return released(committed);
      return ok({ certificate: cert.value, issuedAt: committed.value.issuedAt, acceptance: acceptance.value });
    } catch (e) {
      log.error('issuance.exception', { errorName: errorName(e) });
      return released(err('INTERNAL'));
    }
  }

  /**
   * Fewer than rules.minAcceptedDays of acceptance remain and the citizen has not yet said "issue
   * anyway": nothing is released, as on RULES_REJECTED — the reservation goes back, the signed
   * bytes are dropped here — and the answer says until when the certificate would be accepted, so
   * the screen can ask (docs/business-rules.md, "The short-time warning"). The dates stay out of
   * log and audit: with the issuance day they would tell the day of the positive test.
   */
  function askConsent(acceptance: RuleAcceptance, idHash: string): Err<AppError<'SHORT_ACCEPTANCE'>> {
    log.info('issuance.short-acceptance-asked', { idHash });
    return err('SHORT_ACCEPTANCE', {
      country: acceptance.country,
      acceptedUntil: acceptance.until,
      lastAcceptedAt: acceptance.lastAcceptedAt,
      daysLeft: acceptance.daysLeft,
    });
  }

  return { issue };
}
