import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, Input } from '@grafana/ui';

/** The label width of a row's first field, which lines the rows of an editor up. */
const LABEL_WIDTH = 16;

interface FieldProps {
  label: string;
  /** The first field of its row. */
  first?: boolean;
  /** The control's id, so that the label names it. */
  htmlFor?: string;
  tooltip?: string;
  disabled?: boolean;
  /** Shown under the field, which is then marked invalid. */
  error?: string;
  children: React.ReactElement;
}

/** One labelled field of an editor row: the row component every kind's editor is built from. */
export function Field({ label, first, htmlFor, tooltip, disabled, error, children }: FieldProps) {
  return (
    <InlineField
      label={label}
      labelWidth={first ? LABEL_WIDTH : undefined}
      htmlFor={htmlFor}
      tooltip={tooltip}
      disabled={disabled}
      invalid={error !== undefined}
      error={error}
    >
      {children}
    </InlineField>
  );
}

/** Radio or select choices whose labels are their values. */
export const choices = <T extends string>(...values: T[]): Array<SelectableValue<T>> =>
  values.map((v) => ({ label: v, value: v }));

interface NumberInputProps {
  value: number | undefined;
  /** Shown when the value is empty; for fields whose default the backend decides. */
  placeholder?: string;
  min: number;
  max?: number;
  width?: number;
  onChange: (value: number | undefined) => void;
  /** Runs the query when the field loses focus, not on every key. */
  onBlur: () => void;
}

const toInt = (text: string) => (text === '' ? undefined : Number.parseInt(text, 10));

export function NumberInput({ value, placeholder, min, max, width = 8, onChange, onBlur }: NumberInputProps) {
  return (
    <Input
      type="number"
      min={min}
      max={max}
      width={width}
      placeholder={placeholder}
      value={value ?? ''}
      onChange={(e) => onChange(toInt(e.currentTarget.value))}
      onBlur={onBlur}
    />
  );
}
