// `issue_remote` (docs/remote-signing.md): one whole certificate through the core pipeline with
// the `remote` signer — payload, Sig_structure, SHA-256, HTTPS with mTLS to the signing-service
// simulator on loopback, skeleton checks and signature verification, COSE, zlib, base45 — as a
// latency (median, p99). Next to `issue_core` it shows what the round trip costs; over a real
// network the service's distance dominates.
import { issueRecoveryCertificate } from '../core/dcc/issue-certificate';
import { newUvci } from '../core/dcc/uvci';
import { cwtTimes, recoveryInput } from './fixtures';
import { latencyResult, measureLatency, type BenchGroup } from './harness';
import { benchRemoteSigner } from './signer-fixtures';

export const remoteGroup: BenchGroup = {
  names: ['issue_remote'],
  async run(ctx) {
    const remote = await benchRemoteSigner();
    try {
      const times = cwtTimes(recoveryInput(), remote.dsc);
      ctx.progress('remote signing over loopback mTLS');
      const samples = await measureLatency(
        {
          issue_remote: async () => {
            const r = await issueRecoveryCertificate(recoveryInput(newUvci('BENCH')), remote.signer, times);
            if (!r.ok) throw new Error(`bench: remote issue failed: ${r.error.code}`);
          },
        },
        { n: ctx.quick ? 20 : 300, warmup: ctx.quick ? 3 : 20 },
      );
      return { results: { issue_remote: latencyResult(samples.issue_remote!) } };
    } finally {
      await remote.close();
    }
  },
};
