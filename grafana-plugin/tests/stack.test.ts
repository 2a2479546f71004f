/**
 * @jest-environment node
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

import { backendUrl } from './backend';
import { provisionedDashboards, readYaml, repoPath, toRepoPath } from './repo';

const PLUGIN_ID = 'rootscope-rca-datasource';
const compose = readYaml('compose.yaml');
const services: Record<string, any> = compose.services;

describe('compose.yaml', () => {
  it('runs the whole stack', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'neo4j', 'prometheus', 'workload', 'backend', 'plugin-build', 'grafana'])
    );
  });

  it('checks the health of every long-running service', () => {
    for (const [name, service] of Object.entries(services).filter(([n]) => n !== 'plugin-build')) {
      expect({ name, test: Array.isArray(service.healthcheck?.test) }).toEqual({ name, test: true });
    }
  });

  it('starts services after what they need, by names that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries<{ condition: string }>(service.depends_on ?? {})) {
        expect({ name, dependency, exists: dependency in services }).toEqual({ name, dependency, exists: true });
        const expected =
          dependency === 'plugin-build' ? 'service_completed_successfully' : expect.stringMatching(/^service_/);
        expect(condition).toEqual(expected);
      }
    }
    expect(services.grafana.depends_on.backend.condition).toBe('service_healthy');
  });

  it('mounts only what exists in the repository, or the plugin build', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of (service.volumes ?? []) as string[]) {
        const source = volume.split(':')[0];
        if (source === './grafana-plugin/dist') {
          expect(services['plugin-build'].volumes).toContain('./grafana-plugin:/plugin');
        } else if (source.startsWith('.')) {
          expect({ name, source, exists: fs.existsSync(repoPath(source)) }).toEqual({ name, source, exists: true });
        } else {
          expect({ name, source, declared: source in compose.volumes }).toEqual({ name, source, declared: true });
        }
      }
    }
  });

  it('gives Grafana the built plugin, allowed unsigned, and the provisioning', () => {
    const grafana = services.grafana;
    expect(grafana.environment.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS.split(',')).toContain(PLUGIN_ID);
    expect(grafana.environment.GF_PLUGINS_PREINSTALL).toContain('simpod-json-datasource');
    expect(toRepoPath(`/var/lib/grafana/plugins/${PLUGIN_ID}`)).toBe(repoPath('grafana-plugin', 'dist'));
    for (const kind of ['datasources', 'dashboards', 'alerting']) {
      expect(toRepoPath(`/etc/grafana/provisioning/${kind}`)).toBe(repoPath('provisioning', kind));
    }
    expect(toRepoPath(grafana.environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH)).toBe(
      repoPath('dashboards', 'overview.json')
    );
    expect(grafana.ports).toContain('127.0.0.1:3000:3000');
  });

  it('sets every variable that the provisioning files read', () => {
    const env = services.grafana.environment;
    for (const file of ['datasources/rootscope.yaml', 'alerting/contact-points.yaml']) {
      const text = fs.readFileSync(repoPath('provisioning', file), 'utf8');
      for (const [, name] of text.matchAll(/\$\{(\w+)\}/g)) {
        expect({ file, name, set: name in env }).toEqual({ file, name, set: true });
      }
    }
  });

  it('points Prometheus at the workload', () => {
    const volume = (services.prometheus.volumes as string[]).find((v) =>
      v.endsWith('/etc/prometheus/prometheus.yml:ro')
    )!;
    const config = readYaml(volume.split(':')[0]);
    const targets = config.scrape_configs.flatMap((c: any) => c.static_configs.flatMap((s: any) => s.targets));
    expect(targets).toContain('workload:9464');
  });
});

describe('provisioning', () => {
  const datasources: any[] = readYaml('provisioning', 'datasources', 'rootscope.yaml').datasources;
  const byUid = new Map(datasources.map((d) => [d.uid, d]));

  it('has the plugin, the stock JSON data source and read-only PostgreSQL', () => {
    expect(byUid.get('rootscope')).toMatchObject({ type: PLUGIN_ID, access: 'proxy', url: 'http://backend:8080' });
    expect(byUid.get('rootscope-json')).toMatchObject({
      type: 'simpod-json-datasource',
      access: 'proxy',
      url: 'http://backend:8080',
    });
    expect(byUid.get('rootscope-postgres')).toMatchObject({
      type: 'grafana-postgresql-datasource',
      user: 'rootscope_reader',
      jsonData: { database: 'rootscope' },
    });
    expect(byUid.get('rootscope-postgres').url.split(':')[0]).toBe('postgres');
    expect(compose.services.backend.environment.ROOTSCOPE_HTTP_PORT).toBe('8080');
  });

  it('uses only the plugin id that the plugin declares', () => {
    const plugin = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'src', 'plugin.json'), 'utf8'));
    expect(plugin).toMatchObject({ id: PLUGIN_ID, type: 'datasource', annotations: true, metrics: true });
  });

  it('has alert rules on the PostgreSQL data source that open the RCA workbench at a panel it has', () => {
    const dashboards = new Map([...provisionedDashboards().values()].map((d) => [d.uid, d]));
    const rules = readYaml('provisioning', 'alerting', 'rules.yaml').groups.flatMap((g: any) => g.rules);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      const sources = rule.data.map((d: any) => d.datasourceUid).filter((uid: string) => uid !== '__expr__');
      expect({ rule: rule.uid, sources: [...new Set(sources)] }).toEqual({
        rule: rule.uid,
        sources: ['rootscope-postgres'],
      });
      for (const query of rule.data.filter((d: any) => d.datasourceUid === 'rootscope-postgres')) {
        expect(query.model.rawSql).toMatch(
          /rootscope\.(topology_at|evidence_chain|downstream_hotspots|similar_incidents|rca_ranking)\(/
        );
      }
      expect(rule.data.map((d: any) => d.refId)).toContain(rule.condition);
      expect(rule.annotations.__dashboardUid__).toBe('rootscope-rca');
      const panelIds = dashboards.get('rootscope-rca')!.panels.map((p) => String(p.id));
      expect(panelIds).toContain(rule.annotations.__panelId__);
    }
  });

  it('has alerts that name their resource, for the incident the webhook opens', () => {
    const rules = readYaml('provisioning', 'alerting', 'rules.yaml').groups.flatMap((g: any) => g.rules);
    for (const rule of rules) {
      const sql: string = rule.data.find((d: any) => d.datasourceUid === 'rootscope-postgres').model.rawSql;
      expect({ rule: rule.uid, namesUrn: /\b(AS )?urn\b[,\s]/.test(sql.split(/\bFROM\b/)[0]) }).toEqual({
        rule: rule.uid,
        namesUrn: true,
      });
    }
  });

  // The database of the backend that the tests started (override with ROOTSCOPE_SQL_URL), migrated by it.
  (backendUrl() ? it : it.skip)('has alert queries that the read-only role can run', () => {
    const url =
      process.env.ROOTSCOPE_SQL_URL ?? 'postgresql://rootscope_reader:rootscope_reader@127.0.0.1:55432/rootscope';
    const rules = readYaml('provisioning', 'alerting', 'rules.yaml').groups.flatMap((g: any) => g.rules);
    for (const rule of rules) {
      const sql: string = rule.data.find((d: any) => d.datasourceUid === 'rootscope-postgres').model.rawSql;
      expect(() =>
        execFileSync('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { stdio: 'pipe' })
      ).not.toThrow();
    }
  });

  it('sends alerts to the backend webhook through the default policy', () => {
    const alerting = readYaml('provisioning', 'alerting', 'contact-points.yaml');
    const receiver = alerting.contactPoints[0].receivers[0];
    expect(receiver).toMatchObject({
      type: 'webhook',
      settings: { url: 'http://backend:8080/alerts/grafana', httpMethod: 'POST' },
    });
    expect(alerting.policies[0].receiver).toBe(alerting.contactPoints[0].name);
  });
});
