import {
  CoreApp,
  DataFrame,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  FieldType,
  MetricFindValue,
  ScopedVars,
  TimeRange,
  toDataFrame,
} from '@grafana/data';
import { FetchResponse, getBackendSrv, getTemplateSrv, isFetchError } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { RootscopeVariableSupport } from './variables';
import { DEFAULT_QUERY, KindDescription, QueryKind, RootscopeOptions, RootscopeQuery, VariableQuery } from './types';

/** A frame as the backend writes it (simpod's data-frame answer). */
interface FrameDTO {
  refId?: string;
  name?: string;
  fields: Array<{ name: string; type?: string; values: unknown[]; config?: object; labels?: Record<string, string> }>;
  meta?: object;
}

/**
 * Speaks the simpod JSON data-source protocol to the Rootscope backend through Grafana's data-source proxy,
 * so the same backend serves this plugin and the stock JSON data source.
 */
export class DataSource extends DataSourceApi<RootscopeQuery, RootscopeOptions> {
  private readonly url: string;
  private readonly tenant?: string;

  constructor(instanceSettings: DataSourceInstanceSettings<RootscopeOptions>) {
    super(instanceSettings);
    this.url = instanceSettings.url ?? '';
    this.tenant = instanceSettings.jsonData?.tenant || undefined;
    this.variables = new RootscopeVariableSupport(this);
    // Annotation queries use the normal query editor and query(): the `annotations` kind answers with
    // the fields Grafana maps to annotations (time, timeEnd, title, text, tags).
    this.annotations = {
      prepareAnnotation: (annotation) => {
        // A new annotation starts as the incidents one.
        if (!(annotation.target as RootscopeQuery | undefined)?.queryType) {
          annotation.target = { refId: 'Anno', queryType: 'annotations', payload: { status: 'all' } };
        }
        return annotation;
      },
    };
  }

  getDefaultQuery(_: CoreApp): Partial<RootscopeQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: RootscopeQuery): boolean {
    return !query.hide && !!query.queryType;
  }

  async query(request: DataQueryRequest<RootscopeQuery>): Promise<DataQueryResponse> {
    const targets = request.targets
      .filter((t) => this.filterQuery(t))
      .map((t) => ({
        refId: t.refId,
        target: t.queryType,
        payload: this.interpolatePayload(t.payload ?? {}, request.scopedVars),
      }));
    if (targets.length === 0) {
      return { data: [] };
    }
    const frames = await this.post<FrameDTO[]>('/query', {
      range: { from: request.range.from.toISOString(), to: request.range.to.toISOString(), raw: request.range.raw },
      interval: request.interval,
      intervalMs: request.intervalMs,
      maxDataPoints: request.maxDataPoints,
      scopedVars: request.scopedVars,
      adhocFilters: request.filters ?? [],
      targets,
    });
    return { data: frames.map(toFrame) };
  }

  /** Replaces template variables in every payload value; a value that is just a multi-value variable becomes a list. */
  interpolatePayload<P extends object>(payload: P, scopedVars: ScopedVars = {}): P {
    const templateSrv = getTemplateSrv();
    const one = (value: string): string | string[] => {
      if (/^\$\{?\w+(:\w+)?\}?$/.test(value.trim())) {
        const expanded = templateSrv.replace(value, scopedVars, 'json');
        try {
          const parsed = JSON.parse(expanded);
          return Array.isArray(parsed) && parsed.length === 1 ? parsed[0] : parsed;
        } catch {
          // an unknown variable, or a custom "All" value, which Grafana leaves unformatted
          return expanded;
        }
      }
      return templateSrv.replace(value, scopedVars);
    };
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(payload)) {
      if (typeof value === 'string') {
        out[key] = one(value);
      } else if (Array.isArray(value)) {
        out[key] = value.flatMap((v) => (typeof v === 'string' ? one(v) : v));
      } else {
        out[key] = value;
      }
    }
    return out as P;
  }

  /** Template variables: services, resources (of a type), incidents or metric names. */
  async metricFindQuery(
    query: Omit<VariableQuery, 'refId'> | string,
    options?: { range?: TimeRange }
  ): Promise<MetricFindValue[]> {
    // A string is what Grafana's plain query-variable form stores: just the target.
    const q: Omit<VariableQuery, 'refId'> =
      typeof query === 'string' ? { target: query as VariableQuery['target'] } : query;
    const payload = { target: q.target, type: q.type, resource: q.resource };
    const values = await this.post<Array<{ __text: string; __value: string }>>('/variable', {
      payload: this.interpolatePayload(payload),
      range: options?.range
        ? { from: options.range.from.toISOString(), to: options.range.to.toISOString() }
        : undefined,
    });
    return values.map((v) => ({ text: v.__text, value: v.__value }));
  }

  /** Ad-hoc filter keys (resource, type, namespace, severity); the filters travel with every /query. */
  async getTagKeys(): Promise<MetricFindValue[]> {
    const keys = await this.post<Array<{ type: string; text: string }>>('/tag-keys', {});
    return keys.map((k) => ({ text: k.text }));
  }

  async getTagValues(options: { key: string }): Promise<MetricFindValue[]> {
    const values = await this.post<Array<{ text: string }>>('/tag-values', { key: options.key });
    return values.map((v) => ({ text: v.text }));
  }

  /** The kinds and their payload fields, as the backend describes them. */
  listKinds(): Promise<KindDescription[]> {
    return this.post<KindDescription[]>('/metrics', {});
  }

  /** The fixed choices of one payload field as /metrics lists them, e.g. the RCA methods for `rca`'s `method`. */
  async fieldChoices(kind: QueryKind, name: string): Promise<Array<{ label: string; value: string }>> {
    const field = (await this.listKinds()).find((k) => k.value === kind)?.payloads.find((p) => p.name === name);
    if (!field?.options?.length) {
      throw new Error(`Rootscope backend lists no choices for ${kind}.${name}`);
    }
    return field.options.map((o) => ({ label: o.label ?? String(o.value), value: String(o.value) }));
  }

  /** Choices for one payload field of a kind, e.g. the resource URNs for `resource`. */
  async payloadOptions(
    kind: QueryKind,
    name: string,
    payload: object = {}
  ): Promise<Array<{ label: string; value: string }>> {
    const options = await this.post<Array<{ label: string; value: string }>>('/metric-payload-options', {
      metric: kind,
      payload,
      name,
    });
    return options.map((o) => ({ label: o.label, value: o.value }));
  }

  async testDatasource() {
    try {
      const response = await lastValueFrom(
        getBackendSrv().fetch({ url: `${this.url}/`, method: 'GET', headers: this.headers(), showErrorAlert: false })
      );
      return response.status === 200
        ? { status: 'success', message: 'Rootscope backend is reachable' }
        : { status: 'error', message: `Rootscope backend answered ${response.status}` };
    } catch (err) {
      return { status: 'error', message: errorMessage(err) };
    }
  }

  private async post<T>(path: string, data: object): Promise<T> {
    try {
      const response: FetchResponse<T> = await lastValueFrom(
        getBackendSrv().fetch<T>({
          url: `${this.url}${path}`,
          method: 'POST',
          data,
          // The backend answers 415 to a POST body of any other type.
          headers: { 'Content-Type': 'application/json', ...this.headers() },
          showErrorAlert: false,
        })
      );
      return response.data;
    } catch (err) {
      throw new Error(errorMessage(err));
    }
  }

  private headers(): Record<string, string> {
    return this.tenant ? { 'X-Rootscope-Tenant': this.tenant } : {};
  }
}

/** Builds a Grafana frame; time fields may arrive as ISO strings, which Grafana would not parse. */
export function toFrame(dto: FrameDTO): DataFrame {
  const frame = toDataFrame(dto);
  for (const field of frame.fields) {
    if (field.type === FieldType.time) {
      field.values = field.values.map((v: unknown) => (typeof v === 'string' ? Date.parse(v) : v));
    }
  }
  return frame;
}

/** The backend's `{status, error, field?}` answer, else what the proxy said. */
export function errorMessage(err: unknown): string {
  if (isFetchError(err)) {
    const body = err.data as { error?: string; field?: string; message?: string } | undefined;
    const detail = body?.error ?? body?.message ?? err.statusText ?? 'request failed';
    return `Rootscope backend ${err.status ?? ''}: ${detail}${body?.field ? ` (field ${body.field})` : ''}`.replace(
      '  ',
      ' '
    );
  }
  return err instanceof Error ? err.message : String(err);
}
