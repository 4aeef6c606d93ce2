// TLS to the health office: a certificate the kiosk cannot verify (unknown issuer, wrong host
// name) is SOURCE_REFUSED — the network works, trust does not (docs/record-sources.md) — and is
// never retried; mutual TLS with the configured client certificate works, without it the
// server's refusal is SOURCE_REFUSED too. Certificates are generated per run.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixture } from '../../core/records/demo-records';
import { createRecordSource, recordSourceConfigSchema } from '../../core/records/record-source-config';
import { lookupLabel, type RecordQuery } from '../../core/records/record-source';
import { startSimulator, type RunningSimulator } from '../../core/records/simulator';
import { createTestPki, type TestPki } from './helpers/tls-certs';

const now = new Date('2021-06-15T10:00:00Z');
const erika: RecordQuery = { genesenenId: 'RZJQMTFB84WV', familyName: 'Mustermann', dateOfBirth: '1964-08-12' };
let pki: TestPki;
const running: RunningSimulator[] = [];

beforeAll(async () => {
  pki = await createTestPki();
});
afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
});

async function startTlsSimulator(tls: Parameters<typeof startSimulator>[0]['tls']) {
  const sim = await startSimulator({ fixture: demoFixture(now), ...(tls ? { tls } : {}) });
  running.push(sim);
  return sim;
}

function dikoma(baseUrl: string, extra: Record<string, string> = {}) {
  const causes: string[] = [];
  const config = recordSourceConfigSchema.parse({ kind: 'dikoma', baseUrl, timeoutMs: 5000, retries: 2, ...extra });
  const src = createRecordSource(config, {
    now: () => now,
    log: (event, fields) => {
      if (event === 'record-source.http') causes.push(String(fields.cause ?? fields.outcome));
    },
  });
  return { src, causes };
}

describe('server certificate verification', () => {
  it('a server certificate from the configured CA for 127.0.0.1 works', async () => {
    const sim = await startTlsSimulator(pki.server);
    expect(sim.url.startsWith('https://')).toBe(true);
    expect(lookupLabel(await dikoma(sim.url, { caPath: pki.files.ca }).src.lookup(erika))).toBe('match');
  });

  it('a self-signed server certificate → SOURCE_REFUSED, one attempt', async () => {
    const sim = await startTlsSimulator(pki.selfSigned);
    const { src, causes } = dikoma(sim.url, { caPath: pki.files.ca });
    expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_REFUSED' });
    expect(causes).toHaveLength(1);
  });

  it('a CA-issued certificate for another host name → SOURCE_REFUSED', async () => {
    const sim = await startTlsSimulator(pki.wrongHost);
    const { src, causes } = dikoma(sim.url, { caPath: pki.files.ca });
    expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_REFUSED' });
    expect(causes).toEqual(['ERR_TLS_CERT_ALTNAME_INVALID']);
  });

  it('the private CA is not trusted unless configured → SOURCE_REFUSED', async () => {
    const sim = await startTlsSimulator(pki.server);
    expect(await dikoma(sim.url).src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_REFUSED' });
  });

  it('an unreadable CA file → SOURCE_REFUSED without any connection', async () => {
    const sim = await startTlsSimulator(pki.server);
    const { src, causes } = dikoma(sim.url, { caPath: '/nonexistent/ca.pem' });
    expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_REFUSED' });
    expect(causes).toEqual(['tls-material-unreadable']);
  });
});

describe('unusable credentials', () => {
  it('a client key file that is not a key → SOURCE_REFUSED, no exception', async () => {
    const sim = await startTlsSimulator({ ...pki.server, ca: pki.ca, requestCert: true });
    const { src, causes } = dikoma(sim.url, {
      caPath: pki.files.ca,
      clientCertPath: pki.files.clientCert,
      clientKeyPath: pki.files.ca,
    });
    expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_REFUSED' });
    expect(causes).toEqual(['credentials-invalid']);
  });

  it('a bearer token with a line break → SOURCE_REFUSED, no exception', async () => {
    const sim = await startTlsSimulator(pki.server);
    const { src } = dikoma(sim.url, { caPath: pki.files.ca, bearerToken: 'abc\r\nX-Injected: 1' });
    expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_REFUSED' });
  });
});

describe('mutual TLS', () => {
  it('with the configured client certificate the lookup works', async () => {
    const sim = await startTlsSimulator({ ...pki.server, ca: pki.ca, requestCert: true });
    const { src } = dikoma(sim.url, {
      caPath: pki.files.ca,
      clientCertPath: pki.files.clientCert,
      clientKeyPath: pki.files.clientKey,
    });
    expect(lookupLabel(await src.lookup(erika))).toBe('match');
  });

  it('without a client certificate, a proxy-style 403 → SOURCE_REFUSED', async () => {
    const sim = await startTlsSimulator({ ...pki.server, ca: pki.ca, requestCert: true });
    expect(await dikoma(sim.url, { caPath: pki.files.ca }).src.lookup(erika)).toEqual({
      ok: false,
      error: 'SOURCE_REFUSED',
    });
  });

  it('without a client certificate, a TLS-level "certificate required" alert → SOURCE_REFUSED', async () => {
    const strict = https.createServer(
      { ...pki.server, ca: pki.ca, requestCert: true, rejectUnauthorized: true },
      (_req, res) => res.end('{}'),
    );
    await new Promise<void>((resolve) => strict.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(strict.address() as AddressInfo).port}`;
      const { src, causes } = dikoma(url, { caPath: pki.files.ca });
      expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_REFUSED' });
      expect(causes).toHaveLength(1);
    } finally {
      strict.closeAllConnections();
      await new Promise<void>((resolve) => strict.close(() => resolve()));
    }
  });
});
