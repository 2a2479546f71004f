import React from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';

import type { DataSource } from '../datasource';
import { RootscopeOptions, RootscopeQuery, VariableQuery } from '../types';

type Props = QueryEditorProps<DataSource, RootscopeQuery, RootscopeOptions, VariableQuery>;

const TARGETS: Array<SelectableValue<VariableQuery['target']>> = [
  { label: 'Services', value: 'services' },
  { label: 'Resources', value: 'resources' },
  { label: 'Incidents', value: 'incidents' },
  { label: 'Metric names', value: 'metrics' },
];

/** A template variable: what to list (POST /variable), optionally narrowed by resource type or resource. */
export function VariableQueryEditor({ query, onChange }: Props) {
  const current: VariableQuery = { ...query, target: query.target ?? 'services' };
  const update = (patch: Partial<VariableQuery>) => onChange({ ...current, ...patch });
  return (
    <InlineFieldRow>
      <InlineField label="List" labelWidth={12}>
        <RadioButtonGroup options={TARGETS} value={current.target} onChange={(target) => update({ target })} />
      </InlineField>
      {current.target === 'resources' && (
        <InlineField label="Type" tooltip="e.g. service, host, pod">
          <Input
            id="rs-var-type"
            width={16}
            value={current.type ?? ''}
            onChange={(e) => update({ type: e.currentTarget.value || undefined })}
          />
        </InlineField>
      )}
      {current.target === 'metrics' && (
        <InlineField label="Resource" tooltip="a URN or $variable; the metric names measured on it">
          <Input
            id="rs-var-resource"
            width={40}
            value={current.resource ?? ''}
            onChange={(e) => update({ resource: e.currentTarget.value || undefined })}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
