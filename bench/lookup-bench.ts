// The health-office round trip (bench lookup_tls_new vs lookup_tls_keepalive): one DiKoMa lookup
// against the simulator over mutual TLS, behind a loopback proxy that adds 20 ms per direction
// (a city network: 40 ms round trip). `_new` opens a connection per lookup (TCP round trip, TLS
// handshake with both certificates, then the request); `_keepalive` uses the kiosk's default
// pool (docs/record-sources.md, "Connections"), so a lookup should cost about one round trip.
// Both run interleaved in one process; `connections` counts the TCP connections each opened and
// `echoRttMs` is one byte's round trip through the same proxy (what the loaded machine makes of
// the nominal 40 ms).
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createDikomaSource } from '../core/records/dikoma-client';
import { demoFixture } from '../core/records/demo-records';
import type { HttpClientConfig } from '../core/records/http-client';
import { lookupLabel, type RecordQuery } from '../core/records/record-source';
import { startSimulator } from '../core/records/simulator';
import { echoRoundTripMs, startDelayProxy } from './delay-proxy';
import { latencyResult, measureLatency, pick, type BenchGroup } from './harness';
import { LOOKUP_RTT_MS } from './report';

/** A demo person (docs/record-sources.md, "Demo people"). */
const ERIKA: RecordQuery = { genesenenId: 'RZJQMTFB84WV', familyName: 'Mustermann', dateOfBirth: '1964-08-12' };

export const lookupGroup: BenchGroup = {
  names: ['lookup_tls_new', 'lookup_tls_keepalive'],
  async run(ctx) {
    // Loaded here, not at the top: the test PKI pulls in X.509 tooling that --list need not load.
    const { createTestPki } = await import('../tests/records/helpers/tls-certs');
    const pki = await createTestPki();
    const sim = await startSimulator({
      fixture: demoFixture(new Date()),
      tls: { ...pki.server, ca: pki.ca, requestCert: true },
    });
    const proxies = await Promise.all(
      [0, 1].map(() => startDelayProxy({ host: '127.0.0.1', port: sim.port }, LOOKUP_RTT_MS / 2)),
    );
    const source = (proxyPort: number, maxConnections: number) => {
      const config: HttpClientConfig = {
        source: 'dikoma',
        baseUrl: `https://127.0.0.1:${proxyPort}`,
        timeoutMs: 8000,
        retries: 0,
        caPath: pki.files.ca,
        clientCertPath: pki.files.clientCert,
        clientKeyPath: pki.files.clientKey,
        connections: { maxConnections, idleConnectionMs: 30_000 },
      };
      return createDikomaSource(config);
    };
    const fresh = source(proxies[0]!.port, 0);
    const kept = source(proxies[1]!.port, 2);
    const lookupWith = (src: typeof fresh) => async () => {
      const r = await src.lookup(ERIKA);
      if (!r.ok || r.value.kind !== 'match') throw new Error(`bench: lookup gave ${lookupLabel(r)}`);
    };
    try {
      const n = ctx.quick ? 5 : 80;
      ctx.progress(`lookup_tls_*: ${n} lookups each through a ${LOOKUP_RTT_MS} ms round-trip proxy`);
      const samples = await measureLatency(
        pick(ctx, { lookup_tls_new: lookupWith(fresh), lookup_tls_keepalive: lookupWith(kept) }),
        { n, warmup: ctx.quick ? 1 : 3 },
      );
      const echoRttMs = await echoRoundTripMs(LOOKUP_RTT_MS / 2, ctx.quick ? 3 : 20);
      const results: Record<string, ReturnType<typeof latencyResult>> = {};
      for (const [i, name] of ['lookup_tls_new', 'lookup_tls_keepalive'].entries()) {
        const s = samples[name];
        if (s)
          results[name] = latencyResult(s, { rttMs: LOOKUP_RTT_MS, echoRttMs, connections: proxies[i]!.connections() });
      }
      return { results };
    } finally {
      fresh.close?.();
      kept.close?.();
      await Promise.all(proxies.map((p) => p.close()));
      await sim.close();
      rmSync(dirname(pki.files.ca), { recursive: true, force: true });
    }
  },
};
