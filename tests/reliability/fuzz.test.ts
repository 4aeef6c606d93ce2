// Hostile input, default-run size (docs/reliability.md): property-based fuzzing of everything the outside
// world controls — the citizen's fields, IPC and HTTP payloads, configuration files, the health
// office's responses and HC1 strings — a few thousand generated cases in all. The same
// properties run ~100,000 cases in tests/stress/fuzz.test.ts. Totals are printed at the end.
import { afterAll } from 'vitest';
import { fuzzCitizenInput } from '../support/fuzz/citizen';
import { fuzzConfig } from '../support/fuzz/config';
import { fuzzHc1 } from '../support/fuzz/hc1';
import { fuzzHttp } from '../support/fuzz/http';
import { fuzzIpc } from '../support/fuzz/ipc';
import { fuzzRecordSources } from '../support/fuzz/record-source';
import { tallyReport } from '../support/fuzz-budget';

fuzzCitizenInput();
fuzzHc1();
fuzzIpc();
fuzzHttp();
fuzzConfig();
fuzzRecordSources();

afterAll(() => {
  const report = tallyReport();
  console.info(`fuzz cases (default): ${report.total}`, JSON.stringify(report.byArea));
});
