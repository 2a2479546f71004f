import { stopBackend, StartedBackend } from './backend';

export default async function globalTeardown() {
  const started = (globalThis as { rootscopeBackend?: StartedBackend }).rootscopeBackend;
  if (started) {
    stopBackend(started);
  }
}
