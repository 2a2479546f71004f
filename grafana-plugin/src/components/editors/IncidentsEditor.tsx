import React from 'react';
import { InlineFieldRow, RadioButtonGroup } from '@grafana/ui';

import { IncidentStatus } from '../../types';
import { choices, Field } from './Field';
import { ResourceField } from './ResourceField';
import { KindEditorProps, usePayload } from './usePayload';

const STATUSES = choices<IncidentStatus>('open', 'resolved', 'all');

/** Incidents, as a table or as annotations: the two kinds share their payload. */
export function IncidentsEditor(props: KindEditorProps<'incidents'> | KindEditorProps<'annotations'>) {
  const { choice } = usePayload(props);
  return (
    <InlineFieldRow>
      <Field label="Status" first>
        <RadioButtonGroup options={STATUSES} {...choice('status', 'open')} />
      </Field>
      <ResourceField editor={props} kind="incidents" field="resource" label="Resource" placeholder="any resource" />
    </InlineFieldRow>
  );
}
