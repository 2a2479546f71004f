import React from 'react';
import { QueryEditorProps } from '@grafana/data';
import { Combobox, ComboboxOption, InlineField, InlineFieldRow, Stack } from '@grafana/ui';

import { DataSource } from '../datasource';
import { DEFAULT_PAYLOADS, PayloadOf, QUERY_KINDS, QueryKind, RootscopeOptions, RootscopeQuery } from '../types';
import { KIND_EDITORS, KindEditorProps } from './KindEditors';

type Props = QueryEditorProps<DataSource, RootscopeQuery, RootscopeOptions>;

const KIND_LABELS: Record<QueryKind, string> = {
  metrics: 'Metrics',
  incidents: 'Incidents',
  annotations: 'Incident annotations',
  rca: 'Root-cause ranking',
  behavior_graph: 'Behavior graph',
  topology: 'Topology',
  evidence: 'Evidence chain',
  hotspots: 'Downstream hotspots',
  log_patterns: 'Log patterns',
  similar_incidents: 'Similar incidents',
};
const KIND_OPTIONS: Array<ComboboxOption<QueryKind>> = QUERY_KINDS.map((k) => ({ label: KIND_LABELS[k], value: k }));

/** Edits one query: the kind, then that kind's payload. */
export function QueryEditor({ query, datasource, onChange, onRunQuery }: Props) {
  const kind: QueryKind = query.queryType ?? 'incidents';

  const onKindChange = (next: QueryKind) => {
    // A kind's payload means nothing to another kind, so a new kind starts from its defaults.
    onChange({
      refId: query.refId,
      hide: query.hide,
      queryType: next,
      payload: DEFAULT_PAYLOADS[next],
    } as RootscopeQuery);
    onRunQuery();
  };

  // The union's kind and payload travel together, which the compiler cannot follow through the lookup.
  const KindEditor = KIND_EDITORS[kind] as React.ComponentType<KindEditorProps<QueryKind>>;
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField label="Query kind" labelWidth={16} htmlFor="rs-kind">
          <Combobox<QueryKind>
            id="rs-kind"
            width={32}
            options={KIND_OPTIONS}
            value={kind}
            onChange={(o) => onKindChange(o.value)}
          />
        </InlineField>
      </InlineFieldRow>
      <KindEditor
        datasource={datasource}
        payload={query.payload ?? DEFAULT_PAYLOADS[kind]}
        onChange={(payload: PayloadOf<QueryKind>) => onChange({ ...query, payload } as RootscopeQuery)}
        onRunQuery={onRunQuery}
      />
    </Stack>
  );
}
