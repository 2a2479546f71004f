/**
 * Stands in for @grafana/runtime outside Grafana: getBackendSrv() sends real HTTP requests, as
 * Grafana's data-source proxy would, and getTemplateSrv() replaces variables set with setTemplateVariables().
 */
import { ScopedVars } from '@grafana/data';
import http from 'http';
import { Observable } from 'rxjs';

interface FetchOptions {
  url: string;
  method?: string;
  data?: unknown;
  headers?: Record<string, string>;
}

export interface FetchError {
  status: number;
  statusText: string;
  data: unknown;
}

export const isFetchError = (e: unknown): e is FetchError =>
  typeof e === 'object' && e !== null && 'status' in e && 'data' in e;

export const requests: FetchOptions[] = [];

/** Node's http rather than fetch: @grafana/data needs the jsdom environment, which has no fetch. */
function send(options: FetchOptions): Promise<{ status: number; statusText: string; text: string }> {
  const body = options.data === undefined ? undefined : JSON.stringify(options.data);
  return new Promise((resolve, reject) => {
    const req = http.request(
      options.url,
      { method: options.method ?? 'GET', headers: { 'Content-Type': 'application/json', ...options.headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', text }));
      }
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function getBackendSrv() {
  return {
    fetch: <T>(options: FetchOptions) =>
      new Observable<{ status: number; data: T }>((subscriber) => {
        requests.push(options);
        send(options)
          .then((response) => {
            const text = response.text;
            let data: unknown = text;
            try {
              data = text ? JSON.parse(text) : undefined;
            } catch {
              // not JSON: keep the text
            }
            if (response.status >= 400) {
              subscriber.error({ status: response.status, statusText: response.statusText, data } as FetchError);
              return;
            }
            subscriber.next({ status: response.status, data: data as T });
            subscriber.complete();
          })
          .catch((err) => subscriber.error(err));
      }),
  };
}

let variables: Record<string, string | string[]> = {};
export function setTemplateVariables(values: Record<string, string | string[]>) {
  variables = values;
}

/** Grafana's formats that the data source uses: json, csv, and the default (`{a,b}` for several values). */
function format(value: string | string[], fmt?: string): string {
  const values = Array.isArray(value) ? value : [value];
  switch (fmt) {
    case 'json':
      return JSON.stringify(Array.isArray(value) ? values : value);
    case 'csv':
      return values.join(',');
    default:
      return values.length === 1 ? values[0] : `{${values.join(',')}}`;
  }
}

export function getTemplateSrv() {
  return {
    replace(target: string | undefined, scopedVars?: ScopedVars, fmt?: string): string {
      return (target ?? '').replace(/\$(\w+)|\$\{(\w+)(?::(\w+))?\}/g, (match, plain, braced, inlineFormat) => {
        const name = plain ?? braced;
        const scoped = scopedVars?.[name]?.value as string | string[] | undefined;
        const value = scoped ?? variables[name];
        return value === undefined ? match : format(value, inlineFormat ?? fmt);
      });
    },
  };
}
