import React, { useEffect, useState } from 'react';
import { Combobox, ComboboxOption } from '@grafana/ui';

import { DataSource, errorMessage } from '../../datasource';
import { DEFAULT_METHOD } from '../../types';
import { Field } from './Field';
import { PayloadEditorProps, usePayload } from './usePayload';

interface Methods {
  /** Undefined while loading. */
  options?: ComboboxOption[];
  error?: string;
}

/** The RCA method names the backend lists (its /metrics answer), loaded once per editor. */
function useMethods(datasource: DataSource): Methods {
  const [methods, setMethods] = useState<Methods>({});
  useEffect(() => {
    let mounted = true;
    datasource.fieldChoices('rca', 'method').then(
      (options) => mounted && setMethods({ options }),
      (err: unknown) => mounted && setMethods({ error: `Methods not loaded: ${errorMessage(err)}` })
    );
    return () => {
      mounted = false;
    };
  }, [datasource]);
  return methods;
}

interface MethodFieldProps<P> {
  editor: PayloadEditorProps<P>;
  id: string;
}

/** Which RCA method; the query's method (or the default) shows while the names load and when they fail to. */
export function MethodField<P extends { method?: string }>({ editor, id }: MethodFieldProps<P>) {
  const { set } = usePayload(editor);
  const { options, error } = useMethods(editor.datasource);
  return (
    <Field label="Method" htmlFor={id} error={error}>
      <Combobox<string>
        id={id}
        width={24}
        loading={!options && !error}
        options={options ?? []}
        value={editor.payload.method ?? DEFAULT_METHOD}
        onChange={(o) => set('method', o.value as P['method'])}
      />
    </Field>
  );
}
