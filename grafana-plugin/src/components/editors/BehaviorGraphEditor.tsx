import React from 'react';
import { InlineFieldRow, Input } from '@grafana/ui';

import { Field } from './Field';
import { IncidentField } from './IncidentField';
import { MethodField } from './MethodField';
import { KindEditorProps, usePayload } from './usePayload';

/** An incident's diagnosis (its latest run of a method, or a stored run) as a graph. */
export function BehaviorGraphEditor(props: KindEditorProps<'behavior_graph'>) {
  const { text } = usePayload(props);
  return (
    <InlineFieldRow>
      <IncidentField editor={props} id="rs-bg-incident" />
      <MethodField editor={props} id="rs-bg-method" />
      <Field label="RCA run" tooltip="A stored run id instead of the incident's latest run">
        <Input width={40} placeholder="latest" {...text('run_id')} />
      </Field>
    </InlineFieldRow>
  );
}
