import { startBackend, StartedBackend, stopBackend } from './backend';

/**
 * Starts the backend once for every test file; workers inherit ROOTSCOPE_BACKEND_URL. Without a working
 * backend command the backend tests are skipped, unless ROOTSCOPE_REQUIRE_BACKEND=1 makes that a failure.
 */
export default async function globalSetup() {
  const started = await startBackend();
  if ('unavailable' in started) {
    if (process.env.ROOTSCOPE_REQUIRE_BACKEND === '1') {
      throw new Error(`Rootscope backend required but not started: ${started.unavailable}`);
    }
    console.warn(`\n[rootscope] backend not started; backend tests are skipped. ${started.unavailable}\n`);
    return;
  }
  process.env.ROOTSCOPE_BACKEND_URL = started.url;
  (globalThis as { rootscopeBackend?: StartedBackend }).rootscopeBackend = started;
  // Also when jest ends without its teardown (a crash, a failed setup of another kind).
  process.on('exit', () => stopBackend(started));
}
