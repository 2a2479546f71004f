import React from 'react';
import { DataSourceSettings } from '@grafana/data';
import { fireEvent, render, screen } from '@testing-library/react';

import type { DataSource } from '../datasource';
import { RootscopeOptions, VariableQuery } from '../types';
import { ConfigEditor } from './ConfigEditor';
import { VariableQueryEditor } from './VariableQueryEditor';

describe('VariableQueryEditor', () => {
  function renderEditor(query: VariableQuery) {
    const onChange = jest.fn();
    render(
      <VariableQueryEditor
        query={query}
        datasource={{} as DataSource}
        onChange={onChange as never}
        onRunQuery={jest.fn()}
      />
    );
    return onChange;
  }

  it('lists resources of one type', () => {
    const onChange = renderEditor({ refId: 'V', target: 'services' });
    fireEvent.click(screen.getByRole('radio', { name: 'Resources' }));
    expect(onChange).toHaveBeenCalledWith({ refId: 'V', target: 'resources' });
  });

  it('lists the RCA methods, which nothing narrows', () => {
    const onChange = renderEditor({ refId: 'V', target: 'services' });
    fireEvent.click(screen.getByRole('radio', { name: 'RCA methods' }));
    expect(onChange).toHaveBeenCalledWith({ refId: 'V', target: 'methods' });
    renderEditor({ refId: 'V', target: 'methods' });
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('narrows resources by type and metric names by resource', () => {
    let onChange = renderEditor({ refId: 'V', target: 'resources' });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'host' } });
    expect(onChange).toHaveBeenCalledWith({ refId: 'V', target: 'resources', type: 'host' });
    onChange = renderEditor({ refId: 'V', target: 'metrics' });
    fireEvent.change(screen.getByLabelText('Resource'), { target: { value: '$service' } });
    expect(onChange).toHaveBeenCalledWith({ refId: 'V', target: 'metrics', resource: '$service' });
  });
});

describe('ConfigEditor', () => {
  const options = {
    url: 'http://backend:8080',
    access: 'proxy',
    jsonData: {},
    secureJsonFields: {},
  } as unknown as DataSourceSettings<RootscopeOptions>;

  it('keeps the tenant in jsonData', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={options} onOptionsChange={onOptionsChange} />);
    fireEvent.change(screen.getByLabelText('Tenant'), { target: { value: 'acme' } });
    expect(onOptionsChange).toHaveBeenCalledWith(expect.objectContaining({ jsonData: { tenant: 'acme' } }));
  });

  it('stores the token as an encrypted Authorization header', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={options} onOptionsChange={onOptionsChange} />);
    fireEvent.change(screen.getByLabelText('API token'), { target: { value: 's3cret' } });
    expect(onOptionsChange).toHaveBeenCalledWith(
      expect.objectContaining({
        jsonData: { httpHeaderName1: 'Authorization' },
        secureJsonData: { httpHeaderValue1: 'Bearer s3cret' },
      })
    );
  });
});
