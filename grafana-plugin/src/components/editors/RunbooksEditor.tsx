import React from 'react';
import { InlineFieldRow } from '@grafana/ui';

import { Field, NumberInput } from './Field';
import { IncidentField } from './IncidentField';
import { KindEditorProps, usePayload } from './usePayload';

/** The runbook passages for an incident's top root causes: the incident, and how many runbooks per cause. */
export function RunbooksEditor(props: KindEditorProps<'runbooks'>) {
  const { number } = usePayload(props);
  return (
    <InlineFieldRow>
      <IncidentField editor={props} id="rs-runbooks-incident" />
      <Field label="Per cause">
        <NumberInput min={1} max={10} {...number('k', 3)} />
      </Field>
    </InlineFieldRow>
  );
}
