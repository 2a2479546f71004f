import React, { useCallback } from 'react';
import { Combobox, InlineFieldRow, RadioButtonGroup } from '@grafana/ui';

import { Resolution, Stat } from '../../types';
import { matching, ResourcesPicker } from '../pickers';
import { choices, Field } from './Field';
import { KindEditorProps, usePayload } from './usePayload';

const STATS = choices<Stat>('avg', 'max', 'p95');
const RESOLUTIONS = choices<Resolution>('auto', 'raw', '1m', '1h');

export function MetricsEditor(props: KindEditorProps<'metrics'>) {
  const { datasource, payload } = props;
  const { set, choice } = usePayload(props);
  // The names measured on the chosen resources, when the backend narrows them by the payload.
  const loadMetrics = useCallback(
    async (typed: string) =>
      matching(await datasource.payloadOptions('metrics', 'metric', { resource: payload.resource }), typed),
    [datasource, payload.resource]
  );
  return (
    <>
      <InlineFieldRow>
        <Field label="Resources" first htmlFor="rs-metrics-resource">
          <ResourcesPicker
            id="rs-metrics-resource"
            datasource={datasource}
            kind="metrics"
            value={payload.resource}
            onChange={(urns) => set('resource', urns.length === 1 ? urns[0] : urns.length ? urns : undefined)}
          />
        </Field>
      </InlineFieldRow>
      <InlineFieldRow>
        <Field label="Metric" first htmlFor="rs-metrics-metric">
          <Combobox<string>
            id="rs-metrics-metric"
            width={32}
            createCustomValue
            options={loadMetrics}
            value={payload.metric ?? null}
            onChange={(o) => set('metric', o.value)}
          />
        </Field>
        <Field label="Stat">
          <RadioButtonGroup options={STATS} {...choice('stat', 'avg')} />
        </Field>
        <Field label="Resolution">
          <RadioButtonGroup options={RESOLUTIONS} {...choice('resolution', 'auto')} />
        </Field>
      </InlineFieldRow>
    </>
  );
}
