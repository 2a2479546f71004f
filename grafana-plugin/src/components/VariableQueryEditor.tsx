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
  { label: 'RCA methods', value: 'methods' },
];

interface NarrowingField {
  field: 'type' | 'resource';
  label: string;
  tooltip: string;
  width: number;
}

/** The field that narrows a target's list, for the targets that have one. */
const NARROWED_BY: Partial<Record<VariableQuery['target'], NarrowingField>> = {
  resources: { field: 'type', label: 'Type', tooltip: 'e.g. service, host, pod', width: 16 },
  metrics: {
    field: 'resource',
    label: 'Resource',
    tooltip: 'a URN or $variable; the metric names measured on it',
    width: 40,
  },
};

/** A template variable: what to list (POST /variable), optionally narrowed by resource type or resource. */
export function VariableQueryEditor({ query, onChange }: Props) {
  const current: VariableQuery = { ...query, target: query.target ?? 'services' };
  const update = (patch: Partial<VariableQuery>) => onChange({ ...current, ...patch });
  const narrowing = NARROWED_BY[current.target];
  return (
    <InlineFieldRow>
      <InlineField label="List" labelWidth={12}>
        <RadioButtonGroup options={TARGETS} value={current.target} onChange={(target) => update({ target })} />
      </InlineField>
      {narrowing && (
        <InlineField label={narrowing.label} tooltip={narrowing.tooltip}>
          <Input
            id={`rs-var-${narrowing.field}`}
            width={narrowing.width}
            value={current[narrowing.field] ?? ''}
            onChange={(e) => update({ [narrowing.field]: e.currentTarget.value || undefined })}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
