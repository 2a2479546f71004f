#!/usr/bin/env node
// Writes the troubleshooting-layer dashboards (one JSON file each) from the compact spec below, so that
// layout, links and the incident annotation stay uniform. `node dashboards/generate.js` after an edit;
// grafana-plugin's tests fail when a committed file differs from what this produces.
'use strict';

const fs = require('fs');
const path = require('path');

const DS = { type: 'rootscope-rca-datasource', uid: 'rootscope' };
const TIME_RANGE = '${__url_time_range}';
/** The backend's name for its recommended RCA method, which the RCA workbench starts with. */
const DEFAULT_METHOD = 'default';

/** uid, file and title of every layer, in the order of the link bar. */
const LAYERS = [
  ['overview', 'Overview'],
  ['application', 'Application'],
  ['service', 'Service'],
  ['network', 'Network'],
  ['host', 'Host'],
  ['logs', 'Logs'],
  ['rca', 'RCA workbench'],
].map(([key, title]) => ({ key, uid: `rootscope-${key}`, title: `Rootscope / ${title}`, short: title }));

const layerUrl = (key, vars = '') => `/d/rootscope-${key}/?${vars}${vars ? '&' : ''}${TIME_RANGE}`;

// ---- variables -------------------------------------------------------------------------------------------

/**
 * A variable whose values the backend lists (POST /variable). `refresh` 2: on time-range change, as incidents and
 * resources come and go; `current`: the value it starts with when the list holds it, else Grafana takes the first.
 */
function queryVar(name, label, query, { multi = false, includeAll = false, sort = 1, refresh = 2, current } = {}) {
  return {
    type: 'query',
    name,
    label,
    datasource: DS,
    query: { refId: `var-${name}`, ...query },
    definition: Object.values(query).join(' '),
    refresh,
    multi,
    includeAll,
    sort,
    current: current === undefined ? {} : { text: current, value: current },
    options: [],
  };
}

/** A metric name kept in one place per dashboard; hidden, and overridable with `var-NAME=...` in the URL. */
function metricVar(name, value) {
  return {
    type: 'custom',
    name,
    label: name,
    query: value,
    hide: 2,
    current: { text: value, value },
    options: [{ text: value, value, selected: true }],
  };
}

/** Ad-hoc filters (resource, type, namespace, severity) that the backend applies to every query. */
const FILTERS = { type: 'adhoc', name: 'filters', label: 'Filters', datasource: DS, filters: [] };

const SERVICES = (opts) => queryVar('service', 'Service', { target: 'services' }, opts);
const HOSTS = (opts) => queryVar('host', 'Host', { target: 'resources', type: 'host' }, opts);

// ---- panels ----------------------------------------------------------------------------------------------

const q = (queryType, payload, refId = 'A') => ({ refId, datasource: DS, queryType, payload });

/** Data links from a series of a service to the layer dashboards, keeping the time range. */
const SERVICE_LINKS = [
  ['application', 'Application'],
  ['service', 'Service (call graph, hotspots)'],
  ['logs', 'Logs'],
].map(([key, title]) => ({
  title: `${title}: \${__field.labels.resource}`,
  url: layerUrl(key, 'var-service=${__field.labels.resource}'),
}));

function timeseries(title, metric, { resource = '$service', stat = 'avg', unit, links = SERVICE_LINKS, w = 12 } = {}) {
  return {
    type: 'timeseries',
    title,
    w,
    targets: [q('metrics', { resource, metric, stat, resolution: 'auto' })],
    fieldConfig: {
      defaults: { unit, links, custom: { lineWidth: 1, fillOpacity: 10 } },
      overrides: [],
    },
    options: { legend: { displayMode: 'table', placement: 'right', calcs: ['mean', 'max'] }, tooltip: { mode: 'multi' } },
  };
}

function stat(title, metric, { unit, thresholds, reducer = 'mean', w = 6 } = {}) {
  return {
    type: 'stat',
    title,
    w,
    h: 5,
    targets: [q('metrics', { resource: '$service', metric, stat: 'avg', resolution: 'auto' })],
    fieldConfig: { defaults: { unit, thresholds, links: SERVICE_LINKS }, overrides: [] },
    options: { reduceOptions: { calcs: [reducer], fields: '', values: false }, colorMode: 'background', textMode: 'value_and_name' },
  };
}

function table(title, target, { w = 12, h = 8, links = [], actions = [] } = {}) {
  return {
    type: 'table',
    title,
    w,
    h,
    targets: [target],
    fieldConfig: {
      defaults: {},
      overrides: [
        ...links.map(([field, title, url]) => ({
          matcher: { id: 'byName', options: field },
          properties: [{ id: 'links', value: [{ title, url }] }],
        })),
        ...actions.map(([field, action]) => ({
          matcher: { id: 'byName', options: field },
          properties: [{ id: 'actions', value: [action] }],
        })),
      ],
    },
    options: { showHeader: true, cellHeight: 'sm' },
  };
}

function nodeGraph(title, target, { w = 24, h = 12 } = {}) {
  return { type: 'nodeGraph', title, w, h, targets: [target], options: {} };
}

const row = (title) => ({ type: 'row', title, w: 24, h: 1, collapsed: false, panels: [] });

const thresholds = (...steps) => ({
  mode: 'absolute',
  steps: steps.map(([value, color]) => ({ value, color })),
});

const HOST_LINKS = [
  { title: 'Host ${__field.labels.resource}', url: layerUrl('host', 'var-host=${__field.labels.resource}') },
];
const INCIDENT_LINK = ['event_id', 'Open in the RCA workbench', layerUrl('rca', 'var-incident=${__value.raw}')];
const SERVICE_CELL_LINK = (field) => [field, 'Service dashboard', layerUrl('service', 'var-service=${__value.raw}')];
/**
 * A panel action (Grafana's "fetch" action) on a ranking cell: confirms that resource as the incident's root cause,
 * through Grafana's proxy of the Rootscope data source to POST /incidents/{id}/root-cause (Grafana allows the URL by
 * `actions_allow_post_url`, see provisioning/README.md). The confirmation teaches the tenant's next diagnoses.
 */
const CONFIRM_ROOT_CAUSE = (field) => [
  field,
  {
    type: 'fetch',
    title: 'Confirm as the root cause',
    confirmation: 'Confirm ${__value.raw} as the root cause of this incident?',
    oneClick: false,
    fetch: {
      method: 'POST',
      url: `/api/datasources/proxy/uid/${DS.uid}/incidents/\${incident}/root-cause`,
      body: '{"resource":"${__value.raw}","confirmed_by":"${__user.login}"}',
      queryParams: [],
      headers: [['Content-Type', 'application/json']],
    },
  },
];

// ---- the dashboards --------------------------------------------------------------------------------------

const SPECS = {
  overview: {
    description: 'Golden signals, service-level objectives and open incidents across services',
    variables: [
      SERVICES({ multi: true, includeAll: true }),
      FILTERS,
      metricVar('latency_metric', 'latency'),
      metricVar('throughput_metric', 'throughput'),
      metricVar('error_metric', 'error_rate'),
      metricVar('availability_metric', 'availability'),
      metricVar('saturation_metric', 'cpu'),
    ],
    panels: [
      row('Service-level objectives'),
      stat('Availability (objective 99.9%)', '$availability_metric', {
        unit: 'percentunit',
        thresholds: thresholds([null, 'red'], [0.999, 'green']),
      }),
      stat('Error rate (objective < 1%)', '$error_metric', {
        unit: 'percentunit',
        thresholds: thresholds([null, 'green'], [0.01, 'red']),
      }),
      stat('Worst p95 latency', '$latency_metric', {
        unit: 'ms',
        reducer: 'max',
        thresholds: thresholds([null, 'green'], [500, 'orange'], [1000, 'red']),
      }),
      stat('Throughput', '$throughput_metric', { unit: 'reqps', thresholds: thresholds([null, 'blue']) }),
      row('Golden signals'),
      timeseries('Latency (p95)', '$latency_metric', { stat: 'p95', unit: 'ms' }),
      timeseries('Traffic', '$throughput_metric', { unit: 'reqps' }),
      timeseries('Errors', '$error_metric', { unit: 'percentunit' }),
      timeseries('Saturation (CPU cores)', '$saturation_metric', { unit: 'short' }),
      row('Incidents'),
      table('Open incidents', q('incidents', { status: 'open' }), {
        w: 24,
        links: [INCIDENT_LINK, SERVICE_CELL_LINK('resource')],
      }),
    ],
  },

  application: {
    description: 'Response time, error rate, throughput and resource use per service',
    variables: [
      SERVICES({ multi: true, includeAll: true }),
      FILTERS,
      metricVar('latency_metric', 'latency'),
      metricVar('throughput_metric', 'throughput'),
      metricVar('error_metric', 'error_rate'),
      metricVar('cpu_metric', 'cpu'),
      metricVar('memory_metric', 'memory'),
      metricVar('io_read_metric', 'io_read'),
      metricVar('io_write_metric', 'io_write'),
    ],
    panels: [
      row('Requests'),
      timeseries('Response time (p95)', '$latency_metric', { stat: 'p95', unit: 'ms', w: 8 }),
      timeseries('Error rate', '$error_metric', { unit: 'percentunit', w: 8 }),
      timeseries('Throughput', '$throughput_metric', { unit: 'reqps', w: 8 }),
      row('Resource use'),
      timeseries('CPU', '$cpu_metric', { unit: 'short', w: 6 }),
      timeseries('Memory', '$memory_metric', { unit: 'bytes', w: 6 }),
      timeseries('Disk reads', '$io_read_metric', { unit: 'Bps', w: 6 }),
      timeseries('Disk writes', '$io_write_metric', { unit: 'Bps', w: 6 }),
    ],
  },

  service: {
    description: 'One service: its call graph, the downstream services that hurt it, call rates and errors from traces',
    variables: [
      SERVICES(),
      metricVar('throughput_metric', 'throughput'),
      metricVar('error_metric', 'error_rate'),
      metricVar('latency_metric', 'latency'),
    ],
    panels: [
      nodeGraph(
        'Call graph around $service',
        q('topology', { relation: 'CALLS', resource: '$service', hops: 2, mode: 'neighbourhood' })
      ),
      table('Downstream hotspots', q('hotspots', { resource: '$service', top: 10 }), {
        links: [SERVICE_CELL_LINK('downstream')],
      }),
      nodeGraph('Who is affected when $service fails', q('topology', { relation: 'CALLS', resource: '$service', hops: 3, mode: 'impact' }), {
        w: 12,
        h: 8,
      }),
      timeseries('Call rate', '$throughput_metric', { unit: 'reqps', w: 8 }),
      timeseries('Call errors', '$error_metric', { unit: 'percentunit', w: 8 }),
      timeseries('Call latency (p95)', '$latency_metric', { stat: 'p95', unit: 'ms', w: 8 }),
    ],
  },

  network: {
    description: 'Round-trip time, loss, retransmits, TCP connect and DNS time, HTTP success',
    variables: [
      queryVar('endpoint', 'Probed service', { target: 'resources', type: 'service' }, { multi: true, includeAll: true }),
      HOSTS({ multi: true, includeAll: true }),
      metricVar('rtt_metric', 'rtt'),
      metricVar('loss_metric', 'packet_loss'),
      metricVar('retransmit_metric', 'host_tcp_retransmits'),
      metricVar('connect_metric', 'connect_time'),
      metricVar('dns_metric', 'dns_lookup_time'),
      metricVar('success_metric', 'probe_success'),
    ],
    panels: [
      timeseries('Round-trip time', '$rtt_metric', { resource: '$endpoint', unit: 's', links: [] }),
      timeseries('Packet loss', '$loss_metric', { resource: '$endpoint', unit: 'percentunit', links: [] }),
      timeseries('TCP retransmitted segments per host', '$retransmit_metric', { resource: '$host', unit: 'percentunit', links: HOST_LINKS }),
      timeseries('TCP connect time', '$connect_metric', { resource: '$endpoint', unit: 's', links: [] }),
      timeseries('DNS lookup time', '$dns_metric', { resource: '$endpoint', unit: 's', links: [] }),
      timeseries('HTTP success', '$success_metric', { resource: '$endpoint', unit: 'percentunit', links: [] }),
    ],
  },

  host: {
    description: 'CPU, memory, disk I/O and network per host, and the links between nodes from the topology',
    variables: [
      HOSTS({ multi: true, includeAll: true }),
      metricVar('cpu_metric', 'host_cpu'),
      metricVar('memory_metric', 'host_memory'),
      metricVar('disk_metric', 'host_disk_io'),
      metricVar('network_metric', 'host_network'),
    ],
    panels: [
      timeseries('CPU', '$cpu_metric', { resource: '$host', unit: 'percentunit', links: HOST_LINKS }),
      timeseries('Memory', '$memory_metric', { resource: '$host', unit: 'percentunit', links: HOST_LINKS }),
      timeseries('Disk I/O', '$disk_metric', { resource: '$host', unit: 'Bps', links: HOST_LINKS }),
      timeseries('Network', '$network_metric', { resource: '$host', unit: 'Bps', links: HOST_LINKS }),
      nodeGraph('Node links', q('topology', { relation: 'CONNECTS_TO', hops: 1, mode: 'neighbourhood' })),
      nodeGraph('What runs on each node', q('topology', { relation: 'RUNS_ON', hops: 1, mode: 'neighbourhood' })),
    ],
  },

  logs: {
    description: 'Log patterns (Drain templates): counts, patterns new in the range, error patterns',
    variables: [SERVICES()],
    panels: [
      table('Patterns of $service', q('log_patterns', { resource: '$service' }), { w: 24, h: 10 }),
      table('New patterns', q('log_patterns', { resource: '$service', new_only: true })),
      table('Error patterns', q('log_patterns', { resource: '$service', severity: 'error' })),
    ],
  },

  rca: {
    description: 'Pick an incident: root-cause ranking, behavior graph, evidence chain, similar incidents, runbooks, topology then',
    variables: [
      queryVar('incident', 'Incident', { target: 'incidents' }, { sort: 0 }), // newest first, as the backend lists them
      // The backend's method names, in its order (refreshed on load: they change only with the backend).
      queryVar('method', 'Method', { target: 'methods' }, { sort: 0, refresh: 1, current: DEFAULT_METHOD }),
    ],
    panels: [
      // Full width: each candidate's findings (log templates, operations, calls, metrics) and its path from the front-end.
      table('Root-cause ranking', q('rca', { event_id: '$incident', method: '$method' }), {
        w: 24,
        h: 9,
        links: [SERVICE_CELL_LINK('resource')],
        actions: [CONFIRM_ROOT_CAUSE('resource')],
      }),
      table('Evidence chain', q('evidence', { event_id: '$incident' }), {
        w: 24,
        h: 9,
        links: [['link', 'Open the evidence', '${__value.raw}']],
      }),
      nodeGraph('Behavior graph', q('behavior_graph', { event_id: '$incident', method: '$method' }), { w: 12, h: 12 }),
      // The workbench is opened with the range starting shortly before the incident: the topology then.
      nodeGraph('Topology just before the incident', q('topology', { at: '${__from:date:iso}', relation: 'all', hops: 2, mode: 'neighbourhood' }), {
        w: 12,
        h: 12,
      }),
      table('Similar incidents', q('similar_incidents', { event_id: '$incident', k: 5 }), {
        w: 24,
        links: [INCIDENT_LINK],
      }),
      // The runbook passages for the top root causes' symptoms, best first for each cause.
      table('Runbooks for the root causes', q('runbooks', { event_id: '$incident', k: 3 }), {
        w: 24,
        h: 9,
        links: [['link', 'Open the passage', '${__value.raw}']],
      }),
    ],
  },
};

/** Lays panels out left to right in rows of 24 columns and numbers them. */
function layout(panels) {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return panels.map((panel, i) => {
    const { w = 12, h = 8, ...rest } = panel;
    if (x + w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const placed = { id: i + 1, gridPos: { x, y, w, h }, ...rest };
    if (panel.type !== 'row') {
      placed.datasource = DS;
    }
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return placed;
  });
}

function dashboard(layer) {
  const spec = SPECS[layer.key];
  return {
    uid: layer.uid,
    title: layer.title,
    description: spec.description,
    tags: ['rootscope', layer.key],
    editable: true,
    graphTooltip: 1,
    schemaVersion: 39,
    version: 1,
    time: { from: 'now-6h', to: 'now' },
    refresh: '1m',
    timepicker: {},
    timezone: 'browser',
    links: LAYERS.filter((other) => other.key !== layer.key).map((other) => ({
      type: 'link',
      title: other.short,
      url: `/d/${other.uid}/`,
      keepTime: true,
      includeVars: false,
      targetBlank: false,
      icon: other.key === 'rca' ? 'bolt' : 'dashboard',
      tooltip: other.title,
      asDropdown: false,
      tags: [],
    })),
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
        {
          // Each incident's text links to the RCA workbench for it (the backend writes the link).
          name: 'Incidents',
          datasource: DS,
          enable: true,
          iconColor: 'red',
          target: { refId: 'Anno', queryType: 'annotations', payload: { status: 'all' } },
        },
      ],
    },
    templating: { list: spec.variables },
    panels: layout(spec.panels),
  };
}

/** file name → dashboard */
function buildDashboards() {
  return Object.fromEntries(LAYERS.map((layer) => [`${layer.key}.json`, dashboard(layer)]));
}

const render = (dash) => `${JSON.stringify(dash, null, 2)}\n`;

module.exports = { buildDashboards, render, LAYERS };

if (require.main === module) {
  for (const [file, dash] of Object.entries(buildDashboards())) {
    fs.writeFileSync(path.join(__dirname, file), render(dash));
  }
}
