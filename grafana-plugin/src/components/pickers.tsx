import React, { useCallback } from 'react';
import { Combobox, ComboboxOption, MultiCombobox } from '@grafana/ui';

import { DataSource } from '../datasource';
import { QueryKind } from '../types';

/** Keeps the options whose label or value contains what was typed; the backend lists them unfiltered. */
export function matching(options: ComboboxOption[], typed: string): ComboboxOption[] {
  const needle = typed.toLowerCase();
  return options.filter((o) => (o.label ?? o.value).toLowerCase().includes(needle) || o.value.includes(needle));
}

interface ResourcePickerProps {
  datasource: DataSource;
  kind: QueryKind;
  value?: string;
  onChange: (urn: string | undefined) => void;
  id?: string;
  placeholder?: string;
}

/** A resource URN with autocomplete from POST /metric-payload-options; `$variables` are kept as typed. */
export function ResourcePicker({ datasource, kind, value, onChange, id, placeholder }: ResourcePickerProps) {
  const load = useCallback(
    async (typed: string) => matching(await datasource.payloadOptions(kind, 'resource'), typed),
    [datasource, kind]
  );
  return (
    <SinglePicker
      id={id}
      placeholder={placeholder ?? 'urn:k8s:svc:namespace/name or $variable'}
      load={load}
      value={value}
      onChange={onChange}
    />
  );
}

interface ResourcesPickerProps {
  datasource: DataSource;
  kind: QueryKind;
  value?: string | string[];
  onChange: (urns: string[]) => void;
  id?: string;
}

/** Several resource URNs (one series each). */
export function ResourcesPicker({ datasource, kind, value, onChange, id }: ResourcesPickerProps) {
  const load = useCallback(
    async (typed: string) => matching(await datasource.payloadOptions(kind, 'resource'), typed),
    [datasource, kind]
  );
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return (
    <MultiCombobox<string>
      id={id}
      width={60}
      createCustomValue
      placeholder="resources or $service"
      options={load}
      value={values}
      onChange={(options) => onChange(options.map((o) => o.value))}
    />
  );
}

interface IncidentPickerProps {
  datasource: DataSource;
  value?: string;
  onChange: (eventId: string | undefined) => void;
  id?: string;
}

/** An incident (event_id) from the template-variable endpoint, newest first as the backend orders them. */
export function IncidentPicker({ datasource, value, onChange, id }: IncidentPickerProps) {
  const load = useCallback(
    async (typed: string) => {
      const incidents = await datasource.metricFindQuery({ target: 'incidents' });
      return matching(
        incidents.map((i) => ({ label: i.text, value: String(i.value ?? i.text) })),
        typed
      );
    },
    [datasource]
  );
  return <SinglePicker id={id} placeholder="incident or $incident" load={load} value={value} onChange={onChange} />;
}

interface SinglePickerProps {
  id?: string;
  placeholder: string;
  load: (typed: string) => Promise<ComboboxOption[]>;
  value?: string;
  onChange: (value: string | undefined) => void;
}

/** One value, from the choices the backend lists for what was typed, or as typed (e.g. a `$variable`). */
function SinglePicker({ id, placeholder, load, value, onChange }: SinglePickerProps) {
  return (
    <Combobox<string>
      id={id}
      width={48}
      isClearable
      createCustomValue
      placeholder={placeholder}
      options={load}
      value={value ?? null}
      onChange={(option) => onChange(option?.value || undefined)}
    />
  );
}
