/** Reading the repository's dashboards, provisioning and compose files, and the backend's kind contract. */
import fs from 'fs';
import http from 'http';
import path from 'path';
import YAML from 'yaml';

import type { KindDescription } from '../src/types';
import { backendUrl, REPO_ROOT } from './backend';

export const repoPath = (...parts: string[]) => path.join(REPO_ROOT, ...parts);
// merge: compose.yaml shares the Java services' settings with a YAML merge key
export const readYaml = (...parts: string[]) =>
  YAML.parse(fs.readFileSync(repoPath(...parts), 'utf8'), { merge: true });

/** POST to the live backend with node's http (the jsdom environment has no fetch). */
export function postJson<T>(url: string, body: object): Promise<{ status: number; data: T }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, data: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** The kinds and payload fields: the live backend's /metrics answer, else the checked-in copy of the contract. */
export async function kindContract(): Promise<{ source: string; kinds: KindDescription[] }> {
  const url = backendUrl();
  if (url) {
    return { source: `${url}/metrics`, kinds: (await postJson<KindDescription[]>(`${url}/metrics`, {})).data };
  }
  return {
    source: 'tests/fixtures/metrics-contract.json',
    kinds: JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'metrics-contract.json'), 'utf8')),
  };
}

/** The compose service `grafana`'s bind mounts: container path → repository path. */
export function grafanaMounts(): Map<string, string> {
  const compose = readYaml('compose.yaml');
  const mounts = new Map<string, string>();
  for (const volume of compose.services.grafana.volumes as string[]) {
    const [source, target] = volume.split(':');
    if (source.startsWith('.')) {
      mounts.set(target, repoPath(source));
    }
  }
  return mounts;
}

/** Maps a path inside the Grafana container to the repository through the mounts. */
export function toRepoPath(containerPath: string): string | undefined {
  for (const [target, source] of grafanaMounts()) {
    if (containerPath === target || containerPath.startsWith(`${target}/`)) {
      return path.join(source, containerPath.slice(target.length));
    }
  }
  return undefined;
}

export interface Dashboard {
  uid: string;
  title: string;
  panels: Array<{
    id: number;
    type: string;
    title: string;
    targets?: Target[];
    datasource?: { uid: string };
    fieldConfig?: unknown;
  }>;
  templating: { list: Array<{ name: string; type: string; query: unknown; datasource?: { uid: string } }> };
  annotations: { list: Array<{ name: string; datasource: { uid: string }; target?: Target }> };
  links: Array<{ url?: string }>;
}
export interface Target {
  refId: string;
  datasource?: { uid: string };
  queryType?: string;
  payload?: Record<string, unknown>;
}

/** Every dashboard the provisioned provider loads: file name → dashboard. */
export function provisionedDashboards(): Map<string, Dashboard> {
  const providers = readYaml('provisioning', 'dashboards', 'rootscope.yaml').providers as Array<{
    options: { path: string };
  }>;
  const dashboards = new Map<string, Dashboard>();
  for (const provider of providers) {
    const dir = toRepoPath(provider.options.path);
    if (!dir) {
      throw new Error(`dashboard provider path ${provider.options.path} is not mounted from the repository`);
    }
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      dashboards.set(file, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    }
  }
  return dashboards;
}
