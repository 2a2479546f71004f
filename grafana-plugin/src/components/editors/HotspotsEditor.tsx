import React from 'react';
import { InlineFieldRow } from '@grafana/ui';

import { Field, NumberInput } from './Field';
import { ResourceField } from './ResourceField';
import { KindEditorProps, usePayload } from './usePayload';

export function HotspotsEditor(props: KindEditorProps<'hotspots'>) {
  const { number } = usePayload(props);
  return (
    <InlineFieldRow>
      <ResourceField editor={props} kind="hotspots" field="resource" label="Service" first />
      <Field label="Top">
        <NumberInput min={1} max={20} {...number('top', 5)} />
      </Field>
    </InlineFieldRow>
  );
}
