import React from 'react';

import { IncidentPicker } from '../pickers';
import { Field } from './Field';
import { PayloadEditorProps, usePayload } from './usePayload';

interface IncidentFieldProps<P> {
  editor: PayloadEditorProps<P>;
  id: string;
  tooltip?: string;
}

/** The incident (`event_id`) that a kind is about, first in its row. */
export function IncidentField<P extends { event_id?: string }>({ editor, id, tooltip }: IncidentFieldProps<P>) {
  const { set } = usePayload(editor);
  return (
    <Field label="Incident" first htmlFor={id} tooltip={tooltip}>
      <IncidentPicker
        id={id}
        datasource={editor.datasource}
        value={editor.payload.event_id}
        onChange={(eventId) => set('event_id', eventId as P['event_id'])}
      />
    </Field>
  );
}
