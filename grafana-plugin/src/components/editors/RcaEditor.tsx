import React from 'react';
import { InlineFieldRow, Input } from '@grafana/ui';

import { Field } from './Field';
import { IncidentField } from './IncidentField';
import { MethodField } from './MethodField';
import { ResourceField } from './ResourceField';
import { KindEditorProps, usePayload } from './usePayload';

/** A stored incident, or the panel's time range around a frontend; and the method that ranks the causes. */
export function RcaEditor(props: KindEditorProps<'rca'>) {
  const { text } = usePayload(props);
  return (
    <>
      <InlineFieldRow>
        <IncidentField
          editor={props}
          id="rs-rca-incident"
          tooltip="Analyse a stored incident; leave empty to analyse the panel's time range around a frontend"
        />
        <MethodField editor={props} id="rs-rca-method" />
      </InlineFieldRow>
      <InlineFieldRow>
        <ResourceField
          editor={props}
          kind="rca"
          field="frontend"
          label="Frontend"
          first
          disabled={!!props.payload.event_id}
          tooltip="The service users call; the window is the panel's time range"
        />
        <Field label="Anomaly start" tooltip="ISO time; the backend detects it when empty">
          <Input width={28} placeholder="detected" {...text('anomaly_start')} />
        </Field>
      </InlineFieldRow>
    </>
  );
}
