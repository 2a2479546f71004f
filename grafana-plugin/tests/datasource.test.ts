import { DataQueryRequest, DataSourceInstanceSettings, dateTime, FieldType } from '@grafana/data';

import { lastValueFrom } from 'rxjs';

import { DataSource, toFrame } from '../src/datasource';
import { DEFAULT_METHOD, DEFAULT_PAYLOADS, QUERY_KINDS, RootscopeOptions, RootscopeQuery } from '../src/types';
import { RootscopeVariableSupport } from '../src/variables';
import { backendUrl } from './backend';
import { getBackendSrv, requests, setTemplateVariables } from './grafanaRuntime';

jest.mock('@grafana/runtime', () => require('./grafanaRuntime'));

function dataSource(url: string, tenant?: string) {
  return new DataSource({
    id: 1,
    uid: 'rootscope',
    type: 'rootscope-rca-datasource',
    name: 'Rootscope',
    url,
    access: 'proxy',
    jsonData: { tenant },
    meta: {},
    readOnly: false,
  } as unknown as DataSourceInstanceSettings<RootscopeOptions>);
}

function request(targets: RootscopeQuery[], days = 7): DataQueryRequest<RootscopeQuery> {
  const to = dateTime();
  const from = dateTime(to.valueOf() - days * 86_400_000);
  return {
    requestId: 'test',
    interval: '1m',
    intervalMs: 60_000,
    maxDataPoints: 500,
    range: { from, to, raw: { from: `now-${days}d`, to: 'now' } },
    scopedVars: {},
    targets,
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
  } as DataQueryRequest<RootscopeQuery>;
}

const fieldNames = (frame: { fields: Array<{ name: string }> }) => frame.fields.map((f) => f.name);

describe('DataSource without a backend', () => {
  afterEach(() => setTemplateVariables({}));

  it('expands a multi-value variable into a list and single values into strings', () => {
    setTemplateVariables({ service: ['urn:k8s:svc:shop/carts', 'urn:k8s:svc:shop/orders'], metric: 'latency' });
    const ds = dataSource('http://unused');
    expect(ds.interpolatePayload({ resource: '$service', metric: '${metric}', stat: 'avg', top: 5 })).toEqual({
      resource: ['urn:k8s:svc:shop/carts', 'urn:k8s:svc:shop/orders'],
      metric: 'latency',
      stat: 'avg',
      top: 5,
    });
    expect(ds.interpolatePayload({ resource: ['$service', 'urn:host:node-1'] })).toEqual({
      resource: ['urn:k8s:svc:shop/carts', 'urn:k8s:svc:shop/orders', 'urn:host:node-1'],
    });
    expect(ds.interpolatePayload({ search: 'timeout in $metric' })).toEqual({ search: 'timeout in latency' });
  });

  it('parses ISO times in time fields', () => {
    const frame = toFrame({
      refId: 'A',
      fields: [
        { name: 'started_at', type: 'time', values: ['2026-01-02T03:04:05Z', 1767323045000] },
        { name: 'title', type: 'string', values: ['a', 'b'] },
      ],
    });
    expect(frame.fields[0].type).toBe(FieldType.time);
    expect(frame.fields[0].values).toEqual([Date.parse('2026-01-02T03:04:05Z'), 1767323045000]);
  });

  it('turns an annotation without a query into the incidents annotation', () => {
    const prepare = dataSource('http://unused').annotations!.prepareAnnotation!;
    expect(prepare({ name: 'Incidents', enable: true, iconColor: 'red' } as never).target).toEqual({
      refId: 'Anno',
      queryType: 'annotations',
      payload: { status: 'all' },
    });
  });

  it('reports a backend that cannot be reached', async () => {
    const result = await dataSource('http://127.0.0.1:9').testDatasource();
    expect(result.status).toBe('error');
  });
});

const url = backendUrl();
(url ? describe : describe.skip)('DataSource against the real backend', () => {
  const ds = dataSource(url ?? '', 'default');
  let eventId: string | undefined;
  let resource: string | undefined;

  beforeAll(async () => {
    const incidents = await ds.metricFindQuery({ target: 'incidents' }, { range: request([], 365).range });
    eventId = incidents[0]?.value as string | undefined;
    // An empty database lists no resource; the kinds must still answer (with no rows) for a URN it does not know.
    resource = (await ds.payloadOptions('metrics', 'resource'))[0]?.value ?? 'urn:k8s:svc:sock-shop/carts';
  });

  it('passes the health check', async () => {
    expect(await ds.testDatasource()).toMatchObject({ status: 'success' });
    expect(requests.at(-1)?.headers).toEqual({ 'X-Rootscope-Tenant': 'default' });
  });

  it('lists the fixed choices of a payload field: the RCA methods for the editors', async () => {
    const methods = (await ds.fieldChoices('rca', 'method')).map((m) => m.value);
    expect(methods).toContain(DEFAULT_METHOD);
    expect(await ds.metricFindQuery({ target: 'methods' })).toEqual(methods.map((m) => ({ text: m, value: m })));
    await expect(ds.fieldChoices('rca', 'event_id')).rejects.toThrow('lists no choices for rca.event_id');
  });

  it('is told every query kind and the payload fields the editors write', async () => {
    const kinds = await ds.listKinds();
    expect(kinds.map((k) => k.value).sort()).toEqual([...QUERY_KINDS].sort());
    for (const kind of QUERY_KINDS) {
      const names = kinds.find((k) => k.value === kind)!.payloads.map((p) => p.name);
      expect({ kind, fields: Object.keys(DEFAULT_PAYLOADS[kind]).filter((f) => !names.includes(f)) }).toEqual({
        kind,
        fields: [],
      });
    }
  });

  it('lists services and metric names for template variables', async () => {
    for (const target of ['services', 'resources', 'metrics'] as const) {
      const values = await ds.metricFindQuery({ target });
      expect(Array.isArray(values)).toBe(true);
      values.forEach((v) => expect(typeof v.text).toBe('string'));
    }
  });

  it('gives Grafana the variable choices as text and value', async () => {
    const variables = ds.variables as unknown as RootscopeVariableSupport;
    const response = await lastValueFrom(
      variables.query({ ...request([]), targets: [{ refId: 'V', target: 'incidents' }] } as never)
    );
    response.data.forEach((choice: { text: string; value: string }) => {
      expect(typeof choice.text).toBe('string');
      expect(typeof choice.value).toBe('string');
    });
  });

  it('offers ad-hoc filter keys and their values', async () => {
    const keys = (await ds.getTagKeys()).map((k) => k.text);
    expect(keys).toEqual(expect.arrayContaining(['resource', 'type', 'namespace', 'severity']));
    const values = await ds.getTagValues({ key: 'severity' });
    values.forEach((v) => expect(typeof v.text).toBe('string'));
  });

  it('answers metrics with one time series per resource', async () => {
    const { data } = await ds.query(
      request([{ refId: 'A', queryType: 'metrics', payload: { resource, metric: 'latency', stat: 'avg' } }])
    );
    for (const frame of data) {
      expect(frame.refId).toBe('A');
      expect(frame.fields.map((f: { type: string }) => f.type)).toEqual([FieldType.time, FieldType.number]);
    }
  });

  it('sends a multi-value variable as a list of resources', async () => {
    const services = (await ds.metricFindQuery({ target: 'services' })).slice(0, 2).map((s) => String(s.value));
    if (services.length === 0) {
      console.warn('[rootscope] the backend lists no service: multi-value variables unchecked');
      return;
    }
    setTemplateVariables({ service: services });
    const { data } = await ds.query(
      request([{ refId: 'M', queryType: 'metrics', payload: { resource: '$service', metric: 'latency' } }])
    );
    setTemplateVariables({});
    expect(requests.at(-1)?.data).toMatchObject({
      targets: [{ payload: { resource: services.length === 1 ? services[0] : services } }],
    });
    data.forEach((frame) => expect(services).toContain(frame.fields[1].labels?.resource ?? frame.name));
  });

  it.each([
    [
      'incidents',
      { status: 'all' },
      ['event_id', 'started_at', 'ended_at', 'title', 'severity', 'status', 'resource', 'kind', 'source', 'top_cause'],
    ],
    ['annotations', { status: 'all' }, ['time', 'timeEnd', 'title', 'text', 'tags', 'event_id']],
    ['log_patterns', {}, ['pattern', 'severity', 'count', 'errors', 'first_seen', 'last_seen', 'fingerprint']],
  ] as const)('answers %s with its table', async (queryType, payload, fields) => {
    const { data } = await ds.query(request([{ refId: 'T', queryType, payload } as RootscopeQuery], 365));
    expect(data).toHaveLength(1);
    expect(fieldNames(data[0])).toEqual(fields);
  });

  it('answers topology with Node Graph frames', async () => {
    const { data } = await ds.query(
      request([{ refId: 'G', queryType: 'topology', payload: DEFAULT_PAYLOADS.topology }])
    );
    expect(data.map((f) => f.name).sort()).toEqual(['edges', 'nodes']);
    data.forEach((f) => expect(f.meta?.preferredVisualisationType).toBe('nodeGraph'));
    expect(fieldNames(data.find((f) => f.name === 'edges')!)).toEqual(
      expect.arrayContaining(['id', 'source', 'target'])
    );
  });

  it('answers hotspots for a service', async () => {
    const { data } = await ds.query(request([{ refId: 'H', queryType: 'hotspots', payload: { resource, top: 3 } }]));
    expect(fieldNames(data[0])).toEqual(['downstream', 'rps', 'err_rate', 'p95_ms', 'score']);
    expect(data[0].length).toBeLessThanOrEqual(3);
  });

  it('answers the incident kinds for a stored incident', async () => {
    if (!eventId) {
      console.warn(
        '[rootscope] the backend has no incident: rca, behavior_graph, evidence, similar_incidents and runbooks unchecked'
      );
      return;
    }
    const { data } = await ds.query(
      request(
        [
          { refId: 'R', queryType: 'rca', payload: { event_id: eventId, method: 'default' } },
          { refId: 'B', queryType: 'behavior_graph', payload: { event_id: eventId } },
          { refId: 'E', queryType: 'evidence', payload: { event_id: eventId } },
          { refId: 'S', queryType: 'similar_incidents', payload: { event_id: eventId, k: 2 } },
          { refId: 'K', queryType: 'runbooks', payload: { event_id: eventId, k: 2 } },
        ],
        365
      )
    );
    const byRef = (refId: string) => data.filter((f) => f.refId === refId);
    expect(
      byRef('R')
        .map((f) => f.name)
        .sort()
    ).toEqual(['paths', 'ranking']);
    expect(fieldNames(byRef('R').find((f) => f.name === 'ranking')!)).toEqual([
      'rank',
      'resource',
      'score',
      'contributions',
      'evidence',
      'path',
    ]);
    expect(
      byRef('B')
        .map((f) => f.name)
        .sort()
    ).toEqual(['edges', 'nodes']);
    expect(fieldNames(byRef('E')[0])).toEqual(['dim', 'title', 'detail', 'link', 'score', 'note']);
    expect(fieldNames(byRef('S')[0])).toEqual([
      'event_id',
      'title',
      'started_at',
      'distance',
      'root_cause',
      'confirmed_by',
      'diagnosed_cause',
    ]);
    expect(fieldNames(byRef('K')[0])).toEqual(['cause_rank', 'cause', 'runbook', 'section', 'passage', 'score', 'link']);
  });

  it('answers the stock JSON data source, which sends the same kinds with its own extra fields', async () => {
    // What simpod-json-datasource posts for a query written in its editor (payload as JSON).
    const to = new Date();
    const from = new Date(to.getTime() - 3_600_000);
    const response = await lastValueFrom(
      getBackendSrv().fetch<Array<{ refId: string; fields: Array<{ name: string }> }>>({
        url: `${url}/query`,
        method: 'POST',
        data: {
          app: 'dashboard',
          requestId: 'SQR100',
          timezone: 'browser',
          panelId: 2,
          dashboardUID: 'user-dashboard',
          range: { from: from.toISOString(), to: to.toISOString(), raw: { from: 'now-1h', to: 'now' } },
          rangeRaw: { from: 'now-1h', to: 'now' },
          interval: '15s',
          intervalMs: 15_000,
          maxDataPoints: 1200,
          scopedVars: { __interval: { text: '15s', value: '15s' } },
          startTime: to.getTime(),
          adhocFilters: [],
          targets: [
            {
              refId: 'A',
              datasource: { type: 'simpod-json-datasource', uid: 'rootscope-json' },
              editorMode: 'code',
              target: 'incidents',
              payload: { status: 'all' },
            },
          ],
        },
      })
    );
    expect(response.data[0].refId).toBe('A');
    expect(fieldNames(response.data[0])).toContain('event_id');
  });

  it('surfaces the backend error for a missing required field', async () => {
    await expect(ds.query(request([{ refId: 'E', queryType: 'evidence', payload: {} }]))).rejects.toThrow(/event_id/);
  });
});
