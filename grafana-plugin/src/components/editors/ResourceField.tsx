import React from 'react';

import { QueryKind } from '../../types';
import { ResourcePicker } from '../pickers';
import { Field } from './Field';
import { FieldsHolding, PayloadEditorProps, usePayload } from './usePayload';

interface ResourceFieldProps<P, F> {
  editor: PayloadEditorProps<P>;
  /** The kind whose resources the backend lists. */
  kind: QueryKind;
  /** The payload field that holds the URN. */
  field: F;
  label: string;
  first?: boolean;
  placeholder?: string;
  tooltip?: string;
  disabled?: boolean;
}

/** One resource URN of a payload, with autocomplete; its control's id is `rs-KIND-FIELD`. */
export function ResourceField<P extends object, F extends FieldsHolding<P, string>>({
  editor,
  kind,
  field,
  label,
  first,
  placeholder,
  tooltip,
  disabled,
}: ResourceFieldProps<P, F>) {
  const { set } = usePayload(editor);
  const id = `rs-${kind}-${String(field)}`;
  return (
    <Field label={label} first={first} htmlFor={id} tooltip={tooltip} disabled={disabled}>
      <ResourcePicker
        id={id}
        datasource={editor.datasource}
        kind={kind}
        value={editor.payload[field] as string | undefined}
        onChange={(urn) => set(field, urn as P[F])}
        placeholder={placeholder}
      />
    </Field>
  );
}
