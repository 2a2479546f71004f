import { DataSourceJsonData, SelectableValue } from '@grafana/data';
import { DataQuery } from '@grafana/schema';

/** The backend's query kinds: the simpod `target` of each query, kept in Grafana's built-in `queryType`. */
export const QUERY_KINDS = [
  'metrics',
  'incidents',
  'annotations',
  'rca',
  'behavior_graph',
  'topology',
  'evidence',
  'hotspots',
  'log_patterns',
  'similar_incidents',
  'runbooks',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export type Stat = 'avg' | 'max' | 'p95';
export type Resolution = 'auto' | 'raw' | '1m' | '1h';
export type IncidentStatus = 'open' | 'resolved' | 'all';
export type Relation = 'CALLS' | 'CONNECTS_TO' | 'RUNS_ON' | 'all';
export type TopologyMode = 'neighbourhood' | 'impact';
/**
 * The backend's name for its recommended RCA method; the other names are in its answer to POST /metrics
 * (the `rca` kind's `method` choices), which the editors load.
 */
export const DEFAULT_METHOD = 'default';

export interface MetricsPayload {
  /** One URN, several, or a template variable that expands to several. */
  resource?: string | string[];
  metric?: string;
  stat?: Stat;
  resolution?: Resolution;
}
export interface IncidentsPayload {
  status?: IncidentStatus;
  resource?: string;
}
export type AnnotationsPayload = IncidentsPayload;
export interface RcaPayload {
  event_id?: string;
  /** Without event_id the backend analyses the panel's time range around this frontend service. */
  frontend?: string;
  /** One of the backend's method names; DEFAULT_METHOD when empty. */
  method?: string;
  anomaly_start?: string;
}
export interface BehaviorGraphPayload {
  event_id?: string;
  run_id?: string;
  /** Which diagnosis of the incident, as in its `rca` query. */
  method?: string;
}
export interface TopologyPayload {
  /** ISO time; the backend uses the end of the range when empty. */
  at?: string;
  relation?: Relation;
  resource?: string;
  hops?: number;
  mode?: TopologyMode;
  /** At most this many nodes (the backend's default and bound apply when empty); a cut graph carries a notice. */
  limit?: number;
}
export interface EvidencePayload {
  event_id?: string;
}
export interface HotspotsPayload {
  resource?: string;
  top?: number;
}
export interface LogPatternsPayload {
  resource?: string;
  severity?: string;
  new_only?: boolean;
  search?: string;
}
export interface SimilarIncidentsPayload {
  event_id?: string;
  k?: number;
}

export interface RunbooksPayload {
  event_id?: string;
  /** Runbooks per root cause (1-10). */
  k?: number;
}

interface KindQuery<K extends QueryKind, P> extends DataQuery {
  queryType: K;
  payload: P;
}
export type MetricsQuery = KindQuery<'metrics', MetricsPayload>;
export type IncidentsQuery = KindQuery<'incidents', IncidentsPayload>;
export type AnnotationsQuery = KindQuery<'annotations', AnnotationsPayload>;
export type RcaQuery = KindQuery<'rca', RcaPayload>;
export type BehaviorGraphQuery = KindQuery<'behavior_graph', BehaviorGraphPayload>;
export type TopologyQuery = KindQuery<'topology', TopologyPayload>;
export type EvidenceQuery = KindQuery<'evidence', EvidencePayload>;
export type HotspotsQuery = KindQuery<'hotspots', HotspotsPayload>;
export type LogPatternsQuery = KindQuery<'log_patterns', LogPatternsPayload>;
export type SimilarIncidentsQuery = KindQuery<'similar_incidents', SimilarIncidentsPayload>;
export type RunbooksQuery = KindQuery<'runbooks', RunbooksPayload>;

export type RootscopeQuery =
  | MetricsQuery
  | IncidentsQuery
  | AnnotationsQuery
  | RcaQuery
  | BehaviorGraphQuery
  | TopologyQuery
  | EvidenceQuery
  | HotspotsQuery
  | LogPatternsQuery
  | SimilarIncidentsQuery
  | RunbooksQuery;

/** The payload type of one kind, for editors that work on a single kind. */
export type PayloadOf<K extends QueryKind> = Extract<RootscopeQuery, { queryType: K }>['payload'];

/** What a new query of each kind starts with; mirrors the backend's defaults. */
export const DEFAULT_PAYLOADS: { [K in QueryKind]: PayloadOf<K> } = {
  metrics: { metric: 'latency', stat: 'avg', resolution: 'auto' },
  incidents: { status: 'open' },
  annotations: { status: 'all' },
  rca: { method: DEFAULT_METHOD },
  behavior_graph: {},
  topology: { relation: 'all', hops: 2, mode: 'neighbourhood' },
  evidence: {},
  hotspots: { top: 5 },
  log_patterns: { new_only: false },
  similar_incidents: { k: 5 },
  runbooks: { k: 3 },
};

export const DEFAULT_QUERY: Partial<RootscopeQuery> = { queryType: 'incidents', payload: DEFAULT_PAYLOADS.incidents };

/** A template variable's query: POST /variable's `payload`. */
export interface VariableQuery extends DataQuery {
  target: 'services' | 'resources' | 'incidents' | 'metrics' | 'methods';
  type?: string;
  resource?: string;
}

/** One answer of POST /metrics: a kind and the payload fields it accepts. */
export interface KindDescription {
  label: string;
  value: string;
  payloads: Array<{
    name: string;
    label?: string;
    type: 'select' | 'multi-select' | 'input' | 'textarea';
    placeholder?: string;
    reloadMetric?: boolean;
    options?: Array<SelectableValue<string>>;
  }>;
}

export interface RootscopeOptions extends DataSourceJsonData {
  /** Sent as X-Rootscope-Tenant; the backend defaults to `default`. */
  tenant?: string;
}
