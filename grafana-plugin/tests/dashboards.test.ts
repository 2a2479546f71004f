/**
 * @jest-environment node
 */
import fs from 'fs';

import { backendUrl } from './backend';
import { Dashboard, kindContract, postJson, provisionedDashboards, repoPath, Target } from './repo';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../dashboards/generate.js');

const LAYER_UIDS = ['overview', 'application', 'service', 'network', 'host', 'logs', 'rca'].map(
  (l) => `rootscope-${l}`
);
/** Grafana's own variables (`$__from`, `${__field.labels.resource}`, ...). */
const isBuiltIn = (name: string) => name.startsWith('__');

const dashboards = provisionedDashboards();
const byUid = new Map([...dashboards.values()].map((d) => [d.uid, d]));

function targetsOf(d: Dashboard): Array<{ where: string; target: Target }> {
  return [
    ...d.panels.flatMap((p) => (p.targets ?? []).map((target) => ({ where: `${d.uid} panel "${p.title}"`, target }))),
    ...d.annotations.list
      .filter((a) => a.target)
      .map((a) => ({ where: `${d.uid} annotation "${a.name}"`, target: a.target! })),
  ];
}

/** Every string anywhere in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  if (Array.isArray(value)) {
    return value.flatMap(strings);
  }
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(strings);
  }
  return [];
}

type Range = { from: string; to: string };

/** Each variable's first value: query variables from POST /variable, the others from their current value. */
async function variableValues(d: Dashboard, range: Range): Promise<Map<string, string | undefined>> {
  const values = new Map<string, string | undefined>();
  for (const v of d.templating.list) {
    if (v.type === 'query') {
      const { refId, ...payload } = v.query as { refId: string };
      const answer = await postJson<Array<{ __value: string }>>(`${backendUrl()}/variable`, { payload, range });
      values.set(v.name, answer.data?.[0]?.__value);
    } else {
      values.set(v.name, (v as { current?: { value?: string } }).current?.value);
    }
  }
  return values;
}

/** The payload with variables replaced as Grafana would; undefined when a variable has no value. */
function substitute(payload: Record<string, unknown>, values: Map<string, string | undefined>, range: Range) {
  let missing = false;
  const replace = (text: string) =>
    text.replace(/\$\{(\w+)(?::[^}]*)?\}|\$(\w+)/g, (_match, braced, plain) => {
      const name = braced ?? plain;
      if (name === '__from' || name === '__to') {
        return name === '__from' ? range.from : range.to;
      }
      const value = values.get(name);
      missing ||= value === undefined;
      return value ?? '';
    });
  const out = Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [key, typeof value === 'string' ? replace(value) : value])
  );
  return missing ? undefined : out;
}

describe('dashboards', () => {
  it('are what dashboards/generate.js writes', () => {
    const generated: Record<string, object> = generator.buildDashboards();
    expect([...dashboards.keys()].sort()).toEqual(Object.keys(generated).sort());
    for (const [file, dash] of Object.entries(generated)) {
      expect({
        file,
        current: fs.readFileSync(repoPath('dashboards', file), 'utf8') === generator.render(dash),
      }).toEqual({
        file,
        current: true,
      });
    }
  });

  it('are one per troubleshooting layer, with unique uids', () => {
    expect([...byUid.keys()].sort()).toEqual([...LAYER_UIDS].sort());
    expect(byUid.size).toBe(dashboards.size);
  });

  it('ask only for query kinds and payload fields that the backend knows', async () => {
    const { source, kinds } = await kindContract();
    const fields = new Map(kinds.map((k) => [k.value, new Map(k.payloads.map((p) => [p.name, p]))]));
    const problems: string[] = [];
    for (const d of dashboards.values()) {
      for (const { where, target } of targetsOf(d)) {
        expect(target.datasource?.uid ?? 'rootscope').toBe('rootscope');
        const known = fields.get(target.queryType ?? '');
        if (!known) {
          problems.push(`${where}: kind ${target.queryType} is not in ${source}`);
          continue;
        }
        for (const [name, value] of Object.entries(target.payload ?? {})) {
          const field = known.get(name);
          if (!field) {
            problems.push(`${where}: ${target.queryType} has no payload field ${name} in ${source}`);
            continue;
          }
          // A fixed choice must be one the backend offers (it compares them ignoring case).
          const choices = field.options?.map((o) => String(o.value).toLowerCase());
          if (choices && !String(value).includes('$') && !choices.includes(String(value).toLowerCase())) {
            problems.push(`${where}: ${target.queryType}.${name} = ${value} is not one of ${choices.join(', ')}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('define every variable they use', () => {
    const problems: string[] = [];
    for (const d of dashboards.values()) {
      const defined = new Set(d.templating.list.map((v) => v.name));
      const used = strings({ panels: d.panels, annotations: d.annotations, templating: d.templating }).flatMap((s) =>
        [...s.matchAll(/\$(\w+)|\$\{(\w+)|\[\[(\w+)/g)].map((m) => m[1] ?? m[2] ?? m[3])
      );
      new Set(used).forEach((name) => {
        if (!isBuiltIn(name) && !defined.has(name)) {
          problems.push(`${d.uid}: $${name} is not a variable`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('link only to provisioned dashboards, and every layer to every other', () => {
    const problems: string[] = [];
    for (const d of dashboards.values()) {
      for (const s of strings(d)) {
        for (const [, uid] of s.matchAll(/\/d\/([\w-]+)/g)) {
          if (!byUid.has(uid)) {
            problems.push(`${d.uid}: links to ${uid}, which is not provisioned`);
          }
        }
      }
      const linked = new Set(d.links.map((l) => /\/d\/([\w-]+)/.exec(l.url ?? '')?.[1]));
      LAYER_UIDS.filter((uid) => uid !== d.uid && !linked.has(uid)).forEach((uid) =>
        problems.push(`${d.uid}: no link to ${uid}`)
      );
    }
    expect(problems).toEqual([]);
  });

  it('keep the time range on data links and link services to their layers', () => {
    for (const d of dashboards.values()) {
      for (const s of strings(d.panels).filter((v) => v.startsWith('/d/'))) {
        expect(s).toContain('${__url_time_range}');
      }
    }
    const overview = strings(byUid.get('rootscope-overview')!.panels);
    expect(overview.some((s) => s.startsWith('/d/rootscope-service/') && s.includes('var-service='))).toBe(true);
    expect(overview.some((s) => s.startsWith('/d/rootscope-rca/') && s.includes('var-incident='))).toBe(true);
  });

  it("confirm a ranking row's resource as the root cause through the data source's proxy", () => {
    const rca = byUid.get('rootscope-rca')!;
    const ranking = rca.panels.find((p) => p.title === 'Root-cause ranking')!;
    const actions = strings(ranking.fieldConfig);
    const url = actions.find((s) => s.endsWith('/root-cause'));
    // Grafana's proxy of the provisioned Rootscope data source, to the backend's POST /incidents/{event_id}/root-cause.
    expect(url).toBe('/api/datasources/proxy/uid/rootscope/incidents/${incident}/root-cause');
    const body = JSON.parse(actions.find((s) => s.includes('"resource"'))!);
    expect(body).toEqual({ resource: '${__value.raw}', confirmed_by: '${__user.login}' });
    expect(actions).toContain('POST');
  });

  it('show incidents as annotations on every layer', () => {
    for (const d of dashboards.values()) {
      expect(d.annotations.list.map((a) => a.target?.queryType)).toContain('annotations');
    }
  });

  (backendUrl() ? it : it.skip)(
    'have panels that the backend answers, with the first value of each variable',
    async () => {
      const now = Date.now();
      const range = { from: new Date(now - 6 * 3_600_000).toISOString(), to: new Date(now).toISOString() };
      const problems: string[] = [];
      for (const d of dashboards.values()) {
        const values = await variableValues(d, range);
        for (const { where, target } of targetsOf(d)) {
          const payload = substitute(target.payload ?? {}, values, range);
          if (payload === undefined) {
            continue; // a variable with no value yet (e.g. no incident): nothing to ask
          }
          const answer = await postJson<unknown>(`${backendUrl()}/query`, {
            range,
            intervalMs: 60_000,
            maxDataPoints: 500,
            targets: [{ refId: target.refId, target: target.queryType, payload }],
          });
          if (answer.status !== 200) {
            problems.push(`${where}: ${answer.status} ${JSON.stringify(answer.data)}`);
          }
        }
      }
      expect(problems).toEqual([]);
    }
  );

  (backendUrl() ? it : it.skip)('have variables that the backend resolves', async () => {
    for (const d of dashboards.values()) {
      for (const v of d.templating.list.filter((x) => x.type === 'query')) {
        const { refId, ...payload } = v.query as { refId: string };
        const now = Date.now();
        const range = { from: new Date(now - 86_400_000).toISOString(), to: new Date(now).toISOString() };
        const answer = await postJson<unknown[]>(`${backendUrl()}/variable`, { payload, range });
        expect({
          variable: `${d.uid} $${v.name} (${refId})`,
          status: answer.status,
          list: Array.isArray(answer.data),
        }).toEqual({
          variable: `${d.uid} $${v.name} (${refId})`,
          status: 200,
          list: true,
        });
      }
    }
  });
});
