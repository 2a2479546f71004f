import React from 'react';
import { InlineFieldRow } from '@grafana/ui';

import { Field, NumberInput } from './Field';
import { IncidentField } from './IncidentField';
import { KindEditorProps, usePayload } from './usePayload';

export function SimilarIncidentsEditor(props: KindEditorProps<'similar_incidents'>) {
  const { number } = usePayload(props);
  return (
    <InlineFieldRow>
      <IncidentField editor={props} id="rs-similar-incident" />
      <Field label="How many">
        <NumberInput min={1} max={50} {...number('k', 5)} />
      </Field>
    </InlineFieldRow>
  );
}
