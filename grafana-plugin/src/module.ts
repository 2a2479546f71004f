import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { DataSource } from './datasource';
import { RootscopeOptions, RootscopeQuery } from './types';

export const plugin = new DataSourcePlugin<DataSource, RootscopeQuery, RootscopeOptions>(DataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
