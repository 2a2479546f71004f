import React, { ComponentType, useCallback } from 'react';
import { SelectableValue } from '@grafana/data';
import { Combobox, InlineField, InlineFieldRow, InlineSwitch, Input, RadioButtonGroup } from '@grafana/ui';

import { DataSource } from '../datasource';
import { PayloadOf, QueryKind, RcaMethod, Relation, Resolution, Stat, TopologyMode } from '../types';
import { IncidentPicker, matching, ResourcePicker, ResourcesPicker } from './pickers';

export interface KindEditorProps<K extends QueryKind> {
  datasource: DataSource;
  payload: PayloadOf<K>;
  onChange: (payload: PayloadOf<K>) => void;
  onRunQuery: () => void;
}

const LABEL_WIDTH = 16;

const opts = <T extends string>(...values: T[]): Array<SelectableValue<T>> =>
  values.map((v) => ({ label: v, value: v }));
const STATS = opts<Stat>('avg', 'max', 'p95');
const RESOLUTIONS = opts<Resolution>('auto', 'raw', '1m', '1h');
const STATUSES = opts('open', 'resolved', 'all');
const METHODS = opts<RcaMethod>('default', 'multimodal', 'automap', 'automap-robust', 'nsigma', 'baro', 'pagerank');
const RELATIONS = opts<Relation>('all', 'CALLS', 'CONNECTS_TO', 'RUNS_ON');
const MODES = opts<TopologyMode>('neighbourhood', 'impact');
const SEVERITIES = [{ label: 'any', value: '' }, ...opts('trace', 'debug', 'info', 'warn', 'error', 'fatal')];

/** Sets one payload field and reruns the query; text inputs pass run=false and rerun on blur. */
function useSetter<K extends QueryKind>({ payload, onChange, onRunQuery }: KindEditorProps<K>) {
  return useCallback(
    <F extends keyof PayloadOf<K>>(field: F, value: PayloadOf<K>[F], run = true) => {
      onChange({ ...payload, [field]: value === '' ? undefined : value });
      if (run) {
        onRunQuery();
      }
    },
    [payload, onChange, onRunQuery]
  );
}

const toInt = (text: string) => (text === '' ? undefined : Number.parseInt(text, 10));

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

function NumberInput({ value, placeholder, min, max, width = 8, onChange, onBlur }: NumberInputProps) {
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

function MetricsEditor(props: KindEditorProps<'metrics'>) {
  const { datasource, payload } = props;
  const set = useSetter(props);
  // The names measured on the chosen resources, when the backend narrows them by the payload.
  const loadMetrics = useCallback(
    async (typed: string) =>
      matching(await datasource.payloadOptions('metrics', 'metric', { resource: payload.resource }), typed),
    [datasource, payload.resource]
  );
  return (
    <>
      <InlineFieldRow>
        <InlineField label="Resources" labelWidth={LABEL_WIDTH} htmlFor="rs-metrics-resource">
          <ResourcesPicker
            id="rs-metrics-resource"
            datasource={datasource}
            kind="metrics"
            value={payload.resource}
            onChange={(urns) => set('resource', urns.length === 1 ? urns[0] : urns.length ? urns : undefined)}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Metric" labelWidth={LABEL_WIDTH} htmlFor="rs-metrics-metric">
          <Combobox<string>
            id="rs-metrics-metric"
            width={32}
            createCustomValue
            options={loadMetrics}
            value={payload.metric ?? null}
            onChange={(o) => set('metric', o.value)}
          />
        </InlineField>
        <InlineField label="Stat">
          <RadioButtonGroup options={STATS} value={payload.stat ?? 'avg'} onChange={(v) => set('stat', v)} />
        </InlineField>
        <InlineField label="Resolution">
          <RadioButtonGroup
            options={RESOLUTIONS}
            value={payload.resolution ?? 'auto'}
            onChange={(v) => set('resolution', v)}
          />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}

function IncidentsEditor(props: KindEditorProps<'incidents'> | KindEditorProps<'annotations'>) {
  const set = useSetter(props as KindEditorProps<'incidents'>);
  const { datasource, payload } = props;
  return (
    <InlineFieldRow>
      <InlineField label="Status" labelWidth={LABEL_WIDTH}>
        <RadioButtonGroup options={STATUSES} value={payload.status ?? 'open'} onChange={(v) => set('status', v)} />
      </InlineField>
      <InlineField label="Resource" htmlFor="rs-incidents-resource">
        <ResourcePicker
          id="rs-incidents-resource"
          datasource={datasource}
          kind="incidents"
          value={payload.resource}
          onChange={(urn) => set('resource', urn)}
          placeholder="any resource"
        />
      </InlineField>
    </InlineFieldRow>
  );
}

function RcaEditor(props: KindEditorProps<'rca'>) {
  const { datasource, payload, onRunQuery } = props;
  const set = useSetter(props);
  return (
    <>
      <InlineFieldRow>
        <InlineField
          label="Incident"
          labelWidth={LABEL_WIDTH}
          htmlFor="rs-rca-incident"
          tooltip="Analyse a stored incident; leave empty to analyse the panel's time range around a frontend"
        >
          <IncidentPicker
            id="rs-rca-incident"
            datasource={datasource}
            value={payload.event_id}
            onChange={(id) => set('event_id', id)}
          />
        </InlineField>
        <InlineField label="Method" htmlFor="rs-rca-method">
          <Combobox<RcaMethod>
            id="rs-rca-method"
            width={24}
            options={METHODS as Array<{ value: RcaMethod }>}
            value={payload.method ?? 'default'}
            onChange={(o) => set('method', o.value)}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Frontend"
          labelWidth={LABEL_WIDTH}
          htmlFor="rs-rca-frontend"
          disabled={!!payload.event_id}
          tooltip="The service users call; the window is the panel's time range"
        >
          <ResourcePicker
            id="rs-rca-frontend"
            datasource={datasource}
            kind="rca"
            value={payload.frontend}
            onChange={(urn) => set('frontend', urn)}
          />
        </InlineField>
        <InlineField label="Anomaly start" tooltip="ISO time; the backend detects it when empty">
          <Input
            width={28}
            placeholder="detected"
            value={payload.anomaly_start ?? ''}
            onChange={(e) => set('anomaly_start', e.currentTarget.value, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}

function BehaviorGraphEditor(props: KindEditorProps<'behavior_graph'>) {
  const { datasource, payload, onRunQuery } = props;
  const set = useSetter(props);
  return (
    <InlineFieldRow>
      <InlineField label="Incident" labelWidth={LABEL_WIDTH} htmlFor="rs-bg-incident">
        <IncidentPicker
          id="rs-bg-incident"
          datasource={datasource}
          value={payload.event_id}
          onChange={(id) => set('event_id', id)}
        />
      </InlineField>
      <InlineField label="Method" htmlFor="rs-bg-method">
        <Combobox<RcaMethod>
          id="rs-bg-method"
          width={24}
          options={METHODS as Array<{ value: RcaMethod }>}
          value={payload.method ?? 'default'}
          onChange={(o) => set('method', o.value)}
        />
      </InlineField>
      <InlineField label="RCA run" tooltip="A stored run id instead of the incident's latest run">
        <Input
          width={40}
          placeholder="latest"
          value={payload.run_id ?? ''}
          onChange={(e) => set('run_id', e.currentTarget.value, false)}
          onBlur={onRunQuery}
        />
      </InlineField>
    </InlineFieldRow>
  );
}

function TopologyEditor(props: KindEditorProps<'topology'>) {
  const { datasource, payload, onRunQuery } = props;
  const set = useSetter(props);
  return (
    <>
      <InlineFieldRow>
        <InlineField
          label="At"
          labelWidth={LABEL_WIDTH}
          tooltip="ISO time or $variable; the end of the range when empty"
        >
          <Input
            width={28}
            placeholder="end of range"
            value={payload.at ?? ''}
            onChange={(e) => set('at', e.currentTarget.value, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
        <InlineField label="Relation">
          <RadioButtonGroup
            options={RELATIONS}
            value={payload.relation ?? 'all'}
            onChange={(v) => set('relation', v)}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Around" labelWidth={LABEL_WIDTH} htmlFor="rs-topology-resource">
          <ResourcePicker
            id="rs-topology-resource"
            datasource={datasource}
            kind="topology"
            value={payload.resource}
            onChange={(urn) => set('resource', urn)}
            placeholder="whole tenant"
          />
        </InlineField>
        <InlineField label="Hops">
          <NumberInput
            value={payload.hops ?? 2}
            min={1}
            max={5}
            onChange={(v) => set('hops', v, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
        <InlineField label="Mode" tooltip="impact follows callers of the resource (who is affected)">
          <RadioButtonGroup options={MODES} value={payload.mode ?? 'neighbourhood'} onChange={(v) => set('mode', v)} />
        </InlineField>
        <InlineField
          label="Node limit"
          tooltip="keeps the busiest nodes; the panel shows a notice when it cuts the graph"
        >
          <NumberInput
            value={payload.limit}
            placeholder="200"
            min={1}
            width={10}
            onChange={(v) => set('limit', v, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}

function EvidenceEditor(props: KindEditorProps<'evidence'>) {
  const set = useSetter(props);
  return (
    <InlineFieldRow>
      <InlineField label="Incident" labelWidth={LABEL_WIDTH} htmlFor="rs-evidence-incident">
        <IncidentPicker
          id="rs-evidence-incident"
          datasource={props.datasource}
          value={props.payload.event_id}
          onChange={(id) => set('event_id', id)}
        />
      </InlineField>
    </InlineFieldRow>
  );
}

function SimilarIncidentsEditor(props: KindEditorProps<'similar_incidents'>) {
  const { datasource, payload, onRunQuery } = props;
  const set = useSetter(props);
  return (
    <InlineFieldRow>
      <InlineField label="Incident" labelWidth={LABEL_WIDTH} htmlFor="rs-similar-incident">
        <IncidentPicker
          id="rs-similar-incident"
          datasource={datasource}
          value={payload.event_id}
          onChange={(id) => set('event_id', id)}
        />
      </InlineField>
      <InlineField label="How many">
        <NumberInput value={payload.k ?? 5} min={1} max={50} onChange={(v) => set('k', v, false)} onBlur={onRunQuery} />
      </InlineField>
    </InlineFieldRow>
  );
}

function HotspotsEditor(props: KindEditorProps<'hotspots'>) {
  const { datasource, payload, onRunQuery } = props;
  const set = useSetter(props);
  return (
    <InlineFieldRow>
      <InlineField label="Service" labelWidth={LABEL_WIDTH} htmlFor="rs-hotspots-resource">
        <ResourcePicker
          id="rs-hotspots-resource"
          datasource={datasource}
          kind="hotspots"
          value={payload.resource}
          onChange={(urn) => set('resource', urn)}
        />
      </InlineField>
      <InlineField label="Top">
        <NumberInput
          value={payload.top ?? 5}
          min={1}
          max={20}
          onChange={(v) => set('top', v, false)}
          onBlur={onRunQuery}
        />
      </InlineField>
    </InlineFieldRow>
  );
}

function LogPatternsEditor(props: KindEditorProps<'log_patterns'>) {
  const { datasource, payload, onRunQuery } = props;
  const set = useSetter(props);
  return (
    <>
      <InlineFieldRow>
        <InlineField label="Resource" labelWidth={LABEL_WIDTH} htmlFor="rs-logs-resource">
          <ResourcePicker
            id="rs-logs-resource"
            datasource={datasource}
            kind="log_patterns"
            value={payload.resource}
            onChange={(urn) => set('resource', urn)}
            placeholder="any resource"
          />
        </InlineField>
        <InlineField label="Severity">
          <RadioButtonGroup options={SEVERITIES} value={payload.severity ?? ''} onChange={(v) => set('severity', v)} />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Search" labelWidth={LABEL_WIDTH}>
          <Input
            width={40}
            placeholder="text in the pattern"
            value={payload.search ?? ''}
            onChange={(e) => set('search', e.currentTarget.value, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
        <InlineField label="New only" tooltip="Patterns first seen inside the time range">
          <InlineSwitch value={payload.new_only ?? false} onChange={(e) => set('new_only', e.currentTarget.checked)} />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}

/** One editor per kind; the compiler checks that every kind has one. */
export const KIND_EDITORS: { [K in QueryKind]: ComponentType<KindEditorProps<K>> } = {
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
};
