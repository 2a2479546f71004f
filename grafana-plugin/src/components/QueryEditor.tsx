import React, { ComponentType } from 'react';
import { QueryEditorProps } from '@grafana/data';
import { Combobox, ComboboxOption, InlineField, InlineFieldRow, Stack } from '@grafana/ui';

import { DataSource } from '../datasource';
import { DEFAULT_PAYLOADS, PayloadOf, QUERY_KINDS, QueryKind, RootscopeOptions, RootscopeQuery } from '../types';
import { BehaviorGraphEditor } from './editors/BehaviorGraphEditor';
import { EvidenceEditor } from './editors/EvidenceEditor';
import { HotspotsEditor } from './editors/HotspotsEditor';
import { IncidentsEditor } from './editors/IncidentsEditor';
import { LogPatternsEditor } from './editors/LogPatternsEditor';
import { MetricsEditor } from './editors/MetricsEditor';
import { RcaEditor } from './editors/RcaEditor';
import { RunbooksEditor } from './editors/RunbooksEditor';
import { SimilarIncidentsEditor } from './editors/SimilarIncidentsEditor';
import { TopologyEditor } from './editors/TopologyEditor';
import { KindEditorProps } from './editors/usePayload';

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
  runbooks: 'Runbooks for the root causes',
};
/** One editor per kind; the compiler checks that every kind has one. */
const KIND_EDITORS: { [K in QueryKind]: ComponentType<KindEditorProps<K>> } = {
  metrics: MetricsEditor,
  incidents: IncidentsEditor,
  annotations: IncidentsEditor,
  rca: RcaEditor,
  behavior_graph: BehaviorGraphEditor,
  topology: TopologyEditor,
  evidence: EvidenceEditor,
  hotspots: HotspotsEditor,
  log_patterns: LogPatternsEditor,
  similar_incidents: SimilarIncidentsEditor,
  runbooks: RunbooksEditor,
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
  const KindEditor = KIND_EDITORS[kind] as ComponentType<KindEditorProps<QueryKind>>;
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
