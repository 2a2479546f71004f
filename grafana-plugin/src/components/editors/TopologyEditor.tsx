import React from 'react';
import { InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';

import { Relation, TopologyMode } from '../../types';
import { choices, Field, NumberInput } from './Field';
import { ResourceField } from './ResourceField';
import { KindEditorProps, usePayload } from './usePayload';

const RELATIONS = choices<Relation>('all', 'CALLS', 'CONNECTS_TO', 'RUNS_ON');
const MODES = choices<TopologyMode>('neighbourhood', 'impact');

export function TopologyEditor(props: KindEditorProps<'topology'>) {
  const { choice, text, number } = usePayload(props);
  return (
    <>
      <InlineFieldRow>
        <Field label="At" first tooltip="ISO time or $variable; the end of the range when empty">
          <Input width={28} placeholder="end of range" {...text('at')} />
        </Field>
        <Field label="Relation">
          <RadioButtonGroup options={RELATIONS} {...choice('relation', 'all')} />
        </Field>
      </InlineFieldRow>
      <InlineFieldRow>
        <ResourceField
          editor={props}
          kind="topology"
          field="resource"
          label="Around"
          first
          placeholder="whole tenant"
        />
        <Field label="Hops">
          <NumberInput min={1} max={5} {...number('hops', 2)} />
        </Field>
        <Field label="Mode" tooltip="impact follows callers of the resource (who is affected)">
          <RadioButtonGroup options={MODES} {...choice('mode', 'neighbourhood')} />
        </Field>
        <Field label="Node limit" tooltip="keeps the busiest nodes; the panel shows a notice when it cuts the graph">
          <NumberInput placeholder="200" min={1} width={10} {...number('limit')} />
        </Field>
      </InlineFieldRow>
    </>
  );
}
