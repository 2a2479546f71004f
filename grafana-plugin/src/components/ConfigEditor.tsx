import React from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { InlineField, Input, SecretInput, Stack } from '@grafana/ui';

import { RootscopeOptions } from '../types';

/** Grafana's proxy adds `httpHeaderName1: httpHeaderValue1` to every request, decrypting the value server-side. */
interface SecureOptions {
  httpHeaderValue1?: string;
}
type Props = DataSourcePluginOptionsEditorProps<RootscopeOptions & { httpHeaderName1?: string }, SecureOptions>;

/** The backend's URL (reached through Grafana's proxy), the tenant and an optional bearer token. */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData, secureJsonFields } = options;
  return (
    <Stack direction="column" gap={0}>
      <InlineField label="URL" labelWidth={14} tooltip="Where Grafana's server reaches the Rootscope backend">
        <Input
          id="rs-config-url"
          width={40}
          placeholder="http://localhost:8080"
          value={options.url}
          onChange={(e) => onOptionsChange({ ...options, url: e.currentTarget.value, access: 'proxy' })}
        />
      </InlineField>
      <InlineField
        label="Tenant"
        labelWidth={14}
        tooltip="Sent as X-Rootscope-Tenant; empty means the backend's default"
      >
        <Input
          id="rs-config-tenant"
          width={40}
          placeholder="default"
          value={jsonData.tenant ?? ''}
          onChange={(e) =>
            onOptionsChange({ ...options, jsonData: { ...jsonData, tenant: e.currentTarget.value || undefined } })
          }
        />
      </InlineField>
      <InlineField label="API token" labelWidth={14} tooltip="When the backend requires a bearer token">
        <SecretInput
          id="rs-config-token"
          width={40}
          placeholder="none"
          isConfigured={!!secureJsonFields.httpHeaderValue1}
          onChange={(e) =>
            onOptionsChange({
              ...options,
              jsonData: { ...jsonData, httpHeaderName1: 'Authorization' },
              secureJsonData: { httpHeaderValue1: `Bearer ${e.currentTarget.value}` },
            })
          }
          onReset={() =>
            onOptionsChange({
              ...options,
              secureJsonFields: { ...secureJsonFields, httpHeaderValue1: false },
              secureJsonData: { httpHeaderValue1: '' },
            })
          }
        />
      </InlineField>
    </Stack>
  );
}
