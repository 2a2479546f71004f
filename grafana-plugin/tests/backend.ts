import { ChildProcess, spawn } from 'child_process';
import path from 'path';

/** The repository root: grafana-plugin/.. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface StartedBackend {
  url: string;
  process?: ChildProcess;
}

/**
 * Starts the real backend with ROOTSCOPE_BACKEND_CMD (default: the local database, then `./rootscope serve` on
 * any free port, from the repository root) and waits for its `listening on http://HOST:PORT` line.
 * ROOTSCOPE_BACKEND_URL uses one already running. Resolves to the reason instead when the command ends before listening.
 */
export async function startBackend(): Promise<StartedBackend | { unavailable: string }> {
  if (process.env.ROOTSCOPE_BACKEND_URL) {
    return { url: process.env.ROOTSCOPE_BACKEND_URL };
  }
  const command =
    process.env.ROOTSCOPE_BACKEND_CMD ?? './rootscope db start >&2 && ROOTSCOPE_HTTP_PORT=0 ROOTSCOPE_OTLP_GRPC_PORT=0 exec ./rootscope serve';
  const timeoutMs = Number(process.env.ROOTSCOPE_BACKEND_TIMEOUT_MS ?? 600_000);
  // Its own process group, so stopping it also stops the JVM that the script starts.
  const child = spawn('bash', ['-c', command], { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stopBackend({ url: '', process: child });
      resolve({
        unavailable: `\`${command}\` printed no "listening on" line in ${timeoutMs} ms:\n${output.slice(-2000)}`,
      });
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (https?:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1].replace(/\/$/, ''), process: child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ unavailable: `\`${command}\` exited with ${code} before listening:\n${output.slice(-2000)}` });
    });
  });
}

export function stopBackend(backend: StartedBackend) {
  const pid = backend.process?.pid;
  if (pid !== undefined && backend.process!.exitCode === null) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** The backend's URL for tests, or undefined when globalSetup could not start it. */
export function backendUrl(): string | undefined {
  return process.env.ROOTSCOPE_BACKEND_URL || undefined;
}
