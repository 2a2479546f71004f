import React from 'react';
import { InlineFieldRow, InlineSwitch, Input, RadioButtonGroup } from '@grafana/ui';

import { choices, Field } from './Field';
import { ResourceField } from './ResourceField';
import { KindEditorProps, usePayload } from './usePayload';

const SEVERITIES = [{ label: 'any', value: '' }, ...choices('trace', 'debug', 'info', 'warn', 'error', 'fatal')];

export function LogPatternsEditor(props: KindEditorProps<'log_patterns'>) {
  const { set, choice, text } = usePayload(props);
  return (
    <>
      <InlineFieldRow>
        <ResourceField
          editor={props}
          kind="log_patterns"
          field="resource"
          label="Resource"
          first
          placeholder="any resource"
        />
        <Field label="Severity">
          <RadioButtonGroup options={SEVERITIES} {...choice('severity', '')} />
        </Field>
      </InlineFieldRow>
      <InlineFieldRow>
        <Field label="Search" first>
          <Input width={40} placeholder="text in the pattern" {...text('search')} />
        </Field>
        <Field label="New only" tooltip="Patterns first seen inside the time range">
          <InlineSwitch
            value={props.payload.new_only ?? false}
            onChange={(e) => set('new_only', e.currentTarget.checked)}
          />
        </Field>
      </InlineFieldRow>
    </>
  );
}
