// The `issue` CLI command with the crash tests' checkpoint (../crash-checkpoint.ts): same
// arguments and exit code as `npm run cli -- issue …`, but KIOSK_TEST_PAUSE_AT can stop it at a
// step of the use case for a SIGKILL (tests/registry/crash-recovery.test.ts).
import { run } from '../../../core/cli/commands/issue';
import { pauseAtEnvCheckpoint } from '../crash-checkpoint';

process.exit(await run(process.argv.slice(2), { checkpoint: pauseAtEnvCheckpoint }));
