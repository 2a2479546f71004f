import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import type { DataSource } from '../datasource';
import { DEFAULT_PAYLOADS, RootscopeQuery } from '../types';
import { QueryEditor } from './QueryEditor';

const CARTS = 'urn:k8s:svc:sock-shop/carts';
/** Combobox loads options after a debounce; under a busy test run that can exceed the default second. */
const SLOW = { timeout: 10_000 };

/** The editors only ask the data source for choices; these stand in for the backend's answers. */
function fakeDataSource() {
  return {
    payloadOptions: jest.fn(async (_kind: string, name: string) =>
      name === 'metric'
        ? [{ label: 'latency', value: 'latency' }]
        : [
            { label: 'sock-shop/carts', value: CARTS },
            { label: 'sock-shop/orders', value: 'urn:k8s:svc:sock-shop/orders' },
          ]
    ),
    metricFindQuery: jest.fn(async () => [{ text: 'Checkout latency', value: '7f1c0000-0000-0000-0000-000000000001' }]),
    fieldChoices: jest.fn(async (_kind: string, _name: string) =>
      ['automap', 'nsigma', 'default'].map((m) => ({ label: m, value: m }))
    ),
  };
}

function renderEditor(query: RootscopeQuery, datasource = fakeDataSource()) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const view = render(
    <QueryEditor
      query={query}
      datasource={datasource as unknown as DataSource}
      onChange={onChange}
      onRunQuery={onRunQuery}
    />
  );
  return { datasource, onChange, onRunQuery, view };
}

describe('QueryEditor', () => {
  it('shows the metrics fields for a metrics query', () => {
    renderEditor({ refId: 'A', queryType: 'metrics', payload: { resource: CARTS, metric: 'latency', stat: 'avg' } });
    for (const label of ['Query kind', 'Resources', 'Metric', 'Stat', 'Resolution']) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    expect(screen.getByRole('radio', { name: 'p95' })).not.toBeChecked();
  });

  it('sets a payload field and reruns the query', () => {
    const { onChange, onRunQuery } = renderEditor({ refId: 'A', queryType: 'metrics', payload: { metric: 'latency' } });
    fireEvent.click(screen.getByRole('radio', { name: 'p95' }));
    expect(onChange).toHaveBeenCalledWith({
      refId: 'A',
      queryType: 'metrics',
      payload: { metric: 'latency', stat: 'p95' },
    });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('starts a new kind from its defaults', async () => {
    const { onChange } = renderEditor({ refId: 'A', queryType: 'metrics', payload: { metric: 'cpu' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Query kind' }), { target: { value: 'Topology' } });
    fireEvent.click(await screen.findByRole('option', { name: 'Topology' }, SLOW));
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', queryType: 'topology', payload: DEFAULT_PAYLOADS.topology });
  });

  it('completes resource URNs from the backend', async () => {
    const { datasource, onChange } = renderEditor({ refId: 'A', queryType: 'hotspots', payload: { top: 5 } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Service' }), { target: { value: 'carts' } });
    fireEvent.click(await screen.findByRole('option', { name: 'sock-shop/carts' }, SLOW));
    expect(datasource.payloadOptions).toHaveBeenCalledWith('hotspots', 'resource');
    expect(screen.queryByRole('option', { name: 'sock-shop/orders' })).toBeNull();
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', queryType: 'hotspots', payload: { top: 5, resource: CARTS } });
  });

  it('picks an incident for the incident kinds', async () => {
    const { datasource, onChange } = renderEditor({ refId: 'A', queryType: 'evidence', payload: {} });
    fireEvent.change(screen.getByRole('combobox', { name: 'Incident' }), { target: { value: 'checkout' } });
    fireEvent.click(await screen.findByRole('option', { name: 'Checkout latency' }, SLOW));
    expect(datasource.metricFindQuery).toHaveBeenCalledWith({ target: 'incidents' });
    expect(onChange).toHaveBeenCalledWith({
      refId: 'A',
      queryType: 'evidence',
      payload: { event_id: '7f1c0000-0000-0000-0000-000000000001' },
    });
  });

  it('offers the RCA methods that the backend lists', async () => {
    const { datasource, onChange } = renderEditor({ refId: 'A', queryType: 'rca', payload: { method: 'default' } });
    expect(datasource.fieldChoices).toHaveBeenCalledWith('rca', 'method');
    const method = screen.getByRole('combobox', { name: 'Method' });
    expect(method).toHaveValue('default');
    // Each name has an "a", so all are offered (best match first): the backend's three, and no others.
    fireEvent.change(method, { target: { value: 'a' } });
    await screen.findByRole('option', { name: 'nsigma' }, SLOW);
    const offered = screen.getAllByRole('option').map((o) => o.textContent);
    expect(offered.sort()).toEqual(['automap', 'default', 'nsigma']);
    fireEvent.click(screen.getByRole('option', { name: 'nsigma' }));
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', queryType: 'rca', payload: { method: 'nsigma' } });
  });

  it('keeps showing the method and says so when the backend cannot list the methods', async () => {
    const datasource = fakeDataSource();
    datasource.fieldChoices.mockRejectedValue(new Error('Rootscope backend 502: Bad Gateway'));
    renderEditor({ refId: 'A', queryType: 'behavior_graph', payload: { method: 'baro' } }, datasource);
    expect(await screen.findByText('Methods not loaded: Rootscope backend 502: Bad Gateway')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Method' })).toHaveValue('baro');
  });

  it('runs a text field on blur, not on every key', () => {
    const { onChange, onRunQuery } = renderEditor({ refId: 'A', queryType: 'log_patterns', payload: {} });
    const search = screen.getByPlaceholderText('text in the pattern');
    fireEvent.change(search, { target: { value: 'timeout' } });
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', queryType: 'log_patterns', payload: { search: 'timeout' } });
    expect(onRunQuery).not.toHaveBeenCalled();
    fireEvent.blur(search);
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('limits the nodes of a topology', () => {
    const { onChange, onRunQuery } = renderEditor({
      refId: 'A',
      queryType: 'topology',
      payload: { relation: 'CALLS' },
    });
    const limit = screen.getByPlaceholderText('200');
    fireEvent.change(limit, { target: { value: '500' } });
    expect(onChange).toHaveBeenCalledWith({
      refId: 'A',
      queryType: 'topology',
      payload: { relation: 'CALLS', limit: 500 },
    });
    fireEvent.blur(limit);
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('has a form for every kind', () => {
    for (const kind of Object.keys(DEFAULT_PAYLOADS) as Array<RootscopeQuery['queryType']>) {
      const { view } = renderEditor({ refId: 'A', queryType: kind, payload: DEFAULT_PAYLOADS[kind] } as RootscopeQuery);
      expect(view.container.querySelectorAll('input').length).toBeGreaterThan(1);
      view.unmount();
    }
  });
});
