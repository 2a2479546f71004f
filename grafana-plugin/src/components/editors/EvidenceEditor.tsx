import React from 'react';
import { InlineFieldRow } from '@grafana/ui';

import { IncidentField } from './IncidentField';
import { KindEditorProps } from './usePayload';

export function EvidenceEditor(props: KindEditorProps<'evidence'>) {
  return (
    <InlineFieldRow>
      <IncidentField editor={props} id="rs-evidence-incident" />
    </InlineFieldRow>
  );
}
