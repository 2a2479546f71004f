import { ChangeEvent, useMemo } from 'react';

import { DataSource } from '../../datasource';
import { PayloadOf, QueryKind } from '../../types';

/** What an editor of a payload gets: the payload, how to change it, and how to rerun the query. */
export interface PayloadEditorProps<P> {
  datasource: DataSource;
  payload: P;
  onChange: (payload: P) => void;
  onRunQuery: () => void;
}

/** The props of one kind's editor. */
export type KindEditorProps<K extends QueryKind> = PayloadEditorProps<PayloadOf<K>>;

/** The fields of P that hold a V, so that a text input binds only to a text field. */
export type FieldsHolding<P, V> = { [F in keyof P]-?: NonNullable<P[F]> extends V ? F : never }[keyof P];

/**
 * Changes one payload: `set` sets a field and reruns the query (an empty text unsets the field); `choice` gives a
 * radio group's props, showing `shown` when the field is empty; `text` and `number` give an input's props, which
 * rerun the query when the input loses focus, not on every key.
 */
export function usePayload<P extends object>({ payload, onChange, onRunQuery }: PayloadEditorProps<P>) {
  return useMemo(() => {
    const set = <F extends keyof P>(field: F, value: P[F], run = true) => {
      onChange({ ...payload, [field]: value === '' ? undefined : value });
      if (run) {
        onRunQuery();
      }
    };
    const choice = <F extends keyof P>(field: F, shown: NonNullable<P[F]>) => ({
      value: payload[field] ?? shown,
      onChange: (value: P[F]) => set(field, value),
    });
    // The casts: a field found by FieldsHolding holds that type, which the compiler cannot see through P[F].
    const text = <F extends FieldsHolding<P, string>>(field: F) => ({
      value: (payload[field] as string | undefined) ?? '',
      onChange: (e: ChangeEvent<HTMLInputElement>) => set(field, e.currentTarget.value as P[F], false),
      onBlur: onRunQuery,
    });
    const number = <F extends FieldsHolding<P, number>>(field: F, shown?: number) => ({
      value: (payload[field] as number | undefined) ?? shown,
      onChange: (value: number | undefined) => set(field, value as P[F], false),
      onBlur: onRunQuery,
    });
    return { set, choice, text, number };
  }, [payload, onChange, onRunQuery]);
}
