// Signing throughput (docs/performance.md): bare ES256 signatures (`sign_raw_*`) against whole certificates
// through the core pipeline (`issue_core_*`: payload + ICAO names, schema validation, CWT/CBOR,
// COSE_Sign1, signature, zlib, base45 — no network, no registry, no QR), once per signer. All
// four run interleaved in one loop, so `issue_core_vs_sign_raw` (goal ≥ 0.5 with node:crypto:
// the pipeline around the signature costs at most as much as the signature) is a same-moment
// ratio. `issue_core` is the node:crypto figure under the issue's headline name.
import { parseCoseSign1, sigStructure } from '../core/dcc/cose';
import { issueRecoveryCertificate } from '../core/dcc/issue-certificate';
import { newUvci } from '../core/dcc/uvci';
import type { RecoveryInput } from '../core/dcc/types';
import { cwtTimes, benchCertificate, benchSigners, recoveryInput } from './fixtures';
import { benchPkcs11Signer } from './signer-fixtures';
import { measureThroughput, pick, ratioOf, throughputResult, type BenchGroup, type BenchResult } from './harness';

/** Distinct inputs (fresh UVCIs) prepared outside the timed loop and used round-robin. */
function inputPool(size: number): () => RecoveryInput {
  const pool = Array.from({ length: size }, () => recoveryInput(newUvci('BENCH')));
  let i = 0;
  return () => pool[i++ % size]!;
}

export const signIssueGroup: BenchGroup = {
  names: [
    'sign_raw_nodecrypto',
    'sign_raw_noble',
    'sign_pkcs11',
    'issue_core',
    'issue_core_nodecrypto',
    'issue_core_noble',
  ],
  async run(ctx) {
    const { node, noble, dsc } = await benchSigners();
    // Exactly what the pipeline hands the signer: the Sig_structure of a real certificate.
    const cose = parseCoseSign1((await benchCertificate()).cose);
    if (!cose.ok) throw new Error('bench: sample certificate does not parse');
    const toSign = sigStructure(cose.value.protectedBytes, cose.value.payload);
    const nextInput = inputPool(64);
    const times = cwtTimes(nextInput(), dsc);
    const issueWith = (signer: typeof node) => async () => {
      const r = await issueRecoveryCertificate(nextInput(), signer, times);
      if (!r.ok) throw new Error(`bench: issue failed: ${r.error.code}`);
    };
    const wantsIssueCore = ctx.wanted('issue_core') || ctx.wanted('issue_core_nodecrypto');
    const variants = pick(ctx, {
      sign_raw_nodecrypto: () => node.sign(toSign),
      sign_raw_noble: () => noble.sign(toSign),
      issue_core_noble: issueWith(noble),
    });
    if (wantsIssueCore) variants.issue_core_nodecrypto = issueWith(node);
    // The SoftHSM2 token signs interleaved with node:crypto, so the ratio is a same-moment one.
    const hsm = ctx.wanted('sign_pkcs11') ? await benchPkcs11Signer() : undefined;
    if (hsm) variants.sign_pkcs11 = () => hsm.signer.sign(toSign);
    ctx.progress(`signing: ${Object.keys(variants).join(', ')}`);
    const samples = await measureThroughput(variants, {
      batches: ctx.quick ? 8 : 80,
      batchMs: ctx.quick ? 3 : 10,
      warmupMs: ctx.quick ? 50 : 500,
    });
    hsm?.close();
    const results: Record<string, BenchResult> = {};
    for (const [name, s] of Object.entries(samples)) results[name] = throughputResult(s);
    if (results.issue_core_nodecrypto) {
      if (ctx.wanted('issue_core')) results.issue_core = results.issue_core_nodecrypto;
      if (!ctx.wanted('issue_core_nodecrypto')) delete results.issue_core_nodecrypto;
    }
    const ratios: Record<string, number> = {};
    const set = (name: string, v: number | undefined) => {
      if (v !== undefined) ratios[name] = v;
    };
    const nodeIssue = results.issue_core_nodecrypto ?? results.issue_core;
    const withNode = nodeIssue ? { ...results, issue_core_nodecrypto: nodeIssue } : results;
    set('issue_core_vs_sign_raw', ratioOf(withNode, 'issue_core_nodecrypto', 'sign_raw_nodecrypto'));
    set('issue_core_noble_vs_sign_raw_noble', ratioOf(withNode, 'issue_core_noble', 'sign_raw_noble'));
    set('sign_raw_noble_vs_nodecrypto', ratioOf(withNode, 'sign_raw_noble', 'sign_raw_nodecrypto'));
    set('sign_pkcs11_vs_nodecrypto', ratioOf(withNode, 'sign_pkcs11', 'sign_raw_nodecrypto'));
    set('issue_core_noble_vs_nodecrypto', ratioOf(withNode, 'issue_core_noble', 'issue_core_nodecrypto'));
    return { results, ratios };
  },
};
