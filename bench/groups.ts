// The benchmark groups in report order (docs/performance.md). A group measures the figures that share set-up
// and whose comparisons must interleave; run.ts runs a group when any of its names is wanted.
import { printJobGroup, qrGroup, verifyGroup } from './certificate-bench';
import { fleetGroup } from './fleet-bench';
import type { BenchGroup } from './harness';
import { lookupGroup } from './lookup-bench';
import { registryGroup } from './registry-bench';
import { registryPgGroup } from './registry-pg-bench';
import { remoteGroup } from './remote-bench';
import { rulesGroup } from './rules-bench';
import { signIssueGroup } from './sign-issue-bench';
import { usecaseGroup } from './usecase-bench';
import { webGroup } from './web-bench';

export function benchGroups(): readonly BenchGroup[] {
  return [
    signIssueGroup,
    remoteGroup,
    verifyGroup,
    rulesGroup,
    qrGroup,
    printJobGroup,
    usecaseGroup,
    lookupGroup,
    registryGroup,
    registryPgGroup,
    fleetGroup,
    webGroup,
  ];
}
