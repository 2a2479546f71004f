import { CustomVariableSupport, DataQueryRequest, DataQueryResponse } from '@grafana/data';
import { from, map, Observable } from 'rxjs';

import { VariableQueryEditor } from './components/VariableQueryEditor';
import type { DataSource } from './datasource';
import { VariableQuery } from './types';

/** Template variables from POST /variable; Grafana takes the returned {text, value} objects as the choices. */
export class RootscopeVariableSupport extends CustomVariableSupport<DataSource, VariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: DataSource) {
    super();
  }

  query(request: DataQueryRequest<VariableQuery>): Observable<DataQueryResponse> {
    return from(this.datasource.metricFindQuery(request.targets[0], { range: request.range })).pipe(
      map((values) => ({ data: values }))
    );
  }
}
