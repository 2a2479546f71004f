// The query editor on a page of its own, for the Chromium test: a stateful host like Grafana's query row,
// with a data source that answers the editors' choice look-ups.
import React, { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GlobalStyles, ThemeContext } from '@grafana/ui';
import { createTheme } from '@grafana/data';

import { QueryEditor } from '../../src/components/QueryEditor';
import type { DataSource } from '../../src/datasource';
import { RootscopeQuery } from '../../src/types';

const datasource = {
  payloadOptions: async (_kind: string, name: string) =>
    name === 'metric'
      ? ['latency', 'throughput', 'error_rate', 'cpu'].map((m) => ({ label: m, value: m }))
      : ['carts', 'orders', 'payment', 'shipping'].map((s) => ({
          label: `sock-shop/${s}`,
          value: `urn:k8s:svc:sock-shop/${s}`,
        })),
  metricFindQuery: async () => [{ text: 'Checkout latency', value: '7f1c0000-0000-0000-0000-000000000001' }],
  fieldChoices: async () => ['automap-robust', 'multimodal', 'default'].map((m) => ({ label: m, value: m })),
} as unknown as DataSource;

function Host() {
  const [query, setQuery] = useState<RootscopeQuery>({
    refId: 'A',
    queryType: 'metrics',
    payload: { resource: ['urn:k8s:svc:sock-shop/carts'], metric: 'latency', stat: 'p95', resolution: 'auto' },
  });
  const [runs, setRuns] = useState(0);
  return (
    <div style={{ padding: 16 }}>
      <QueryEditor query={query} datasource={datasource} onChange={setQuery} onRunQuery={() => setRuns((n) => n + 1)} />
      <pre id="state" style={{ marginTop: 16 }}>
        {JSON.stringify({ runs, query })}
      </pre>
    </div>
  );
}

// Grafana's page styles (box sizing, fonts, colours) as the editor gets them inside Grafana.
const theme = createTheme({ colors: { mode: 'dark' } });
createRoot(document.getElementById('root')!).render(
  <ThemeContext.Provider value={theme}>
    <GlobalStyles />
    <Host />
  </ThemeContext.Provider>
);
