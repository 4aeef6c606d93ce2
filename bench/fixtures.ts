// Shared inputs of the benchmarks (docs/performance.md): a demo CSCA → DSC chain with both signers, a
// realistic recovery input (first positive test 60 days ago, the kiosk's default 28/180-day
// rules), one issued certificate, and fixture files of N people with fresh valid Genesenen-IDs
// for the simulator (each issuance through the whole kiosk needs an ID never issued before).
// Everything lives in one temp directory that run.ts deletes at the end.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoTrustChain } from '../core/dcc/demo-trust';
import { issueRecoveryCertificate } from '../core/dcc/issue-certificate';
import { createNobleSigner } from '../core/dcc/signer/noble-signer';
import { createNodeSigner } from '../core/dcc/signer/node-signer';
import type { CwtTimes, EncodedCertificate, RecoveryInput, Signer } from '../core/dcc/types';
import { newUvci } from '../core/dcc/uvci';
import { parseDsc, type DscInfo } from '../core/dcc/x509';
import { createIdFormat } from '../core/id/genesenen-id';

const DAY_MS = 86_400_000;
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

let root: string | undefined;
/** The run's private temp directory (created on first use). */
export function benchTempDir(): string {
  root ??= mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  return root;
}

const exitTasks = new Set<() => void>();
/** Runs `task` (synchronous, e.g. killing a child process) if the run ends early; returns "forget it". */
export function onBenchExit(task: () => void): () => void {
  exitTasks.add(task);
  return () => exitTasks.delete(task);
}

/** Ends what is still registered with onBenchExit and deletes the temp directory. */
export function removeBenchTempDir(): void {
  for (const task of exitTasks) task();
  exitTasks.clear();
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
}

/** The person every benchmark certificate is for (fictitious; exercises umlaut transliteration). */
export const BENCH_PERSON = { familyName: 'Müller', givenName: 'Erika', dateOfBirth: '1980-04-12' } as const;
/** Letters only, so the web benchmark can type it on the on-screen keyboard quickly. */
export const WEB_FAMILY_NAME = 'Muster';

export interface BenchSigners {
  readonly node: Signer;
  readonly noble: Signer;
  readonly dsc: DscInfo;
}

let signers: Promise<BenchSigners> | undefined;
export function benchSigners(): Promise<BenchSigners> {
  signers ??= (async () => {
    const chain = await generateDemoTrustChain(join(benchTempDir(), 'trust'));
    const material = { privateKeyPem: readFileSync(chain.keyPath, 'utf8'), dsc: chain.dscPem };
    const node = createNodeSigner(material);
    const noble = createNobleSigner(material);
    const dsc = parseDsc(chain.dscPem);
    if (!node.ok || !noble.ok || !dsc.ok) throw new Error('bench: demo signers unusable');
    return { node: node.value, noble: noble.value, dsc: dsc.value };
  })();
  return signers;
}

/** A recovery input as the issuance use case builds it today (df = +28 d, du = +180 d). */
export function recoveryInput(uvci: string = newUvci('BENCH'), today: Date = new Date()): RecoveryInput {
  const test = new Date(today.getTime() - 60 * DAY_MS);
  return {
    ...BENCH_PERSON,
    firstPositiveTest: isoDay(test),
    validFrom: isoDay(new Date(test.getTime() + 28 * DAY_MS)),
    validUntil: isoDay(new Date(test.getTime() + 180 * DAY_MS)),
    country: 'DE',
    issuer: 'Robert Koch-Institut',
    uvci,
  };
}

export function cwtTimes(input: RecoveryInput, dsc: DscInfo, now: Date = new Date()): CwtTimes {
  const endOfDu = Math.floor(Date.parse(`${input.validUntil}T23:59:59Z`) / 1000);
  return {
    issuedAt: Math.floor(now.getTime() / 1000),
    expiresAt: Math.min(endOfDu, Math.floor(dsc.notAfter.getTime() / 1000)),
    issuingCountry: 'DE',
  };
}

let certificate: Promise<EncodedCertificate> | undefined;
/** One recovery certificate signed with the node:crypto signer (QR, print and verify inputs). */
export function benchCertificate(): Promise<EncodedCertificate> {
  certificate ??= (async () => {
    const { node, dsc } = await benchSigners();
    const input = recoveryInput();
    const issued = await issueRecoveryCertificate(input, node, cwtTimes(input, dsc));
    if (!issued.ok) throw new Error(`bench: issuing the sample certificate failed: ${issued.error.code}`);
    return issued.value;
  })();
  return certificate;
}

export interface PeopleFixture {
  /** Simulator fixture file ({ records: [...] }, core/records/fixture.ts). */
  readonly path: string;
  /** Display-form IDs, in file order; each may be issued once. */
  readonly ids: readonly string[];
  readonly familyName: string;
  readonly dateOfBirth: string;
}

/** Writes a fixture of `count` people, all recovered (first positive test 60 days ago). */
export function writePeopleFixture(
  name: string,
  count: number,
  familyName: string = BENCH_PERSON.familyName,
): PeopleFixture {
  const idFormat = createIdFormat();
  const ids = new Set<string>();
  while (ids.size < count) ids.add(idFormat.generate());
  const firstPositiveTest = isoDay(new Date(Date.now() - 60 * DAY_MS));
  const records = [...ids].map((genesenenId) => ({
    genesenenId,
    familyName,
    givenName: BENCH_PERSON.givenName,
    dateOfBirth: BENCH_PERSON.dateOfBirth,
    firstPositiveTest,
  }));
  const path = join(benchTempDir(), `${name}-people.json`);
  writeFileSync(path, JSON.stringify({ records }));
  return { path, ids: [...ids], familyName, dateOfBirth: BENCH_PERSON.dateOfBirth };
}

/** A kiosk config (core/config) that points the simulator at the fixture, without latency. */
export function writeKioskConfig(name: string, fixture: PeopleFixture): string {
  const path = join(benchTempDir(), `${name}-kiosk.json`);
  const config = { kioskId: `bench-${name}`, recordSource: { kind: 'simulator', fixture: fixture.path, latencyMs: 0 } };
  writeFileSync(path, JSON.stringify(config));
  return path;
}
