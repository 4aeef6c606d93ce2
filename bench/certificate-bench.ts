// Per-certificate work after signing (docs/performance.md): verifying an HC1 (`verify_hc1`: base45, inflate,
// CBOR/COSE, kid lookup, ES256 check, validity, EKU, schema — what the kiosk's self-check and a
// checking app do), rendering its QR (`qr_svg` for the screen, `qr_png` for the CLI; goal median
// < 10 ms each) and building print jobs (`receipt_job`: 80 mm Epson raster receipt, `a4_pdf`:
// the A4 certificate with embedded font subsets). Sizes of the outputs are extra fields.
import { qrPng, qrSvg } from '../core/dcc/qr';
import { verifyHc1 } from '../core/dcc/verify';
import { buildA4Pdf } from '../core/print/a4/a4-pdf';
import { buildReceiptJob } from '../core/print/receipt/receipt-job';
import { benchCertificate } from './fixtures';
import { latencyResult, measureLatency, pick, type BenchGroup, type BenchResult } from './harness';

export const verifyGroup: BenchGroup = {
  names: ['verify_hc1'],
  async run(ctx) {
    const cert = await benchCertificate();
    const trust = { dscs: [cert.dscDer] };
    const now = new Date();
    ctx.progress('verify_hc1');
    const samples = await measureLatency(
      {
        verify_hc1: async () => {
          const report = await verifyHc1(cert.hc1, trust, { now });
          if (!report.ok) throw new Error(`bench: sample certificate does not verify: ${report.error.code}`);
        },
      },
      { n: ctx.quick ? 30 : 2000, warmup: ctx.quick ? 5 : 200 },
    );
    return { results: { verify_hc1: latencyResult(samples.verify_hc1!, { hc1Chars: cert.hc1.length }) } };
  },
};

export const qrGroup: BenchGroup = {
  names: ['qr_svg', 'qr_png'],
  async run(ctx) {
    const { hc1 } = await benchCertificate();
    const sizes: Record<string, number> = {};
    const variants = pick(ctx, {
      qr_svg: async () => {
        sizes.qr_svg = (await qrSvg(hc1)).length;
      },
      qr_png: async () => {
        sizes.qr_png = (await qrPng(hc1)).length;
      },
    });
    ctx.progress(`qr: ${Object.keys(variants).join(', ')}`);
    const samples = await measureLatency(variants, { n: ctx.quick ? 10 : 200, warmup: ctx.quick ? 2 : 20 });
    const results: Record<string, BenchResult> = {};
    for (const [name, s] of Object.entries(samples)) results[name] = latencyResult(s, { bytes: sizes[name]! });
    return { results };
  },
};

export const printJobGroup: BenchGroup = {
  names: ['receipt_job', 'a4_pdf'],
  async run(ctx) {
    const cert = await benchCertificate();
    const printable = { hc1: cert.hc1, payload: cert.payload, demo: true };
    const sizes: Record<string, number> = {};
    const variants = pick(ctx, {
      receipt_job: () => {
        const job = buildReceiptJob(printable, { paperWidthMm: 80, commandSet: 'epson', qrMode: 'raster', lang: 'de' });
        sizes.receipt_job = job.length;
      },
      a4_pdf: async () => {
        sizes.a4_pdf = (await buildA4Pdf(printable, { lang: 'de' })).length;
      },
    });
    ctx.progress(`print jobs: ${Object.keys(variants).join(', ')}`);
    const samples = await measureLatency(variants, { n: ctx.quick ? 5 : 60, warmup: ctx.quick ? 1 : 5 });
    const results: Record<string, BenchResult> = {};
    for (const [name, s] of Object.entries(samples)) results[name] = latencyResult(s, { bytes: sizes[name]! });
    return { results };
  },
};
