// Hostile input, stress size (docs/reliability.md, `npm run test:stress`): the same properties as
// tests/reliability/fuzz.test.ts — citizen fields, IPC and HTTP payloads, configuration files,
// the health office's answers, HC1 strings — with about 100,000 generated cases in all. The
// totals per area are printed at the end and must reach 100,000.
import { afterAll, expect } from 'vitest';
import { fuzzCitizenInput } from '../support/fuzz/citizen';
import { fuzzConfig } from '../support/fuzz/config';
import { fuzzHc1 } from '../support/fuzz/hc1';
import { fuzzHttp } from '../support/fuzz/http';
import { fuzzIpc } from '../support/fuzz/ipc';
import { fuzzRecordSources } from '../support/fuzz/record-source';
import { STRESS, tallyReport } from '../support/fuzz-budget';

fuzzCitizenInput();
fuzzHc1();
fuzzIpc();
fuzzHttp();
fuzzConfig();
fuzzRecordSources();

afterAll(() => {
  const report = tallyReport();
  console.info(`fuzz cases (stress): ${report.total}`, JSON.stringify(report.byArea));
  if (STRESS) expect(report.total).toBeGreaterThanOrEqual(100_000);
});
