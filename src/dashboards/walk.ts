// Reads generated dashboards: their panels (rows' nested panels included), targets and variables,
// as plain JSON, for the linter and the live test.
export interface PanelJson {
  id?: number;
  type: string;
  title?: string;
  description?: string;
  datasource?: { type?: string; uid?: string };
  targets?: TargetJson[];
  fieldConfig?: { defaults?: { unit?: string; links?: { url?: string }[] } };
  gridPos?: { w: number; h: number; x: number; y: number };
  panels?: PanelJson[];
}

export interface TargetJson {
  refId?: string;
  datasource?: { type?: string; uid?: string };
  expr?: string;
  instant?: boolean;
  exemplar?: boolean;
  query?: string;
  metrics?: { type: string; id: string }[];
  bucketAggs?: { type: string; id: string; field?: string }[];
}

export interface VariableJson {
  name: string;
  type: string;
  query?: string | { query?: string };
  datasource?: { type?: string; uid?: string };
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string;
  current?: { text?: unknown; value?: unknown };
}

export interface DashboardJson {
  uid?: string;
  title?: string;
  description?: string;
  tags?: string[];
  panels?: PanelJson[];
  templating?: { list?: VariableJson[] };
  annotations?: { list?: { name: string; datasource?: { type?: string; uid?: string }; expr?: string; builtIn?: number }[] };
}

/** Every panel that shows data (rows are containers, not panels). */
export function dataPanels(board: DashboardJson): PanelJson[] {
  return (board.panels ?? []).flatMap((panel) => (panel.type === "row" ? (panel.panels ?? []) : [panel]));
}

export function variables(board: DashboardJson): VariableJson[] {
  return board.templating?.list ?? [];
}

export function variableQuery(variable: VariableJson): string {
  return typeof variable.query === "string" ? variable.query : (variable.query?.query ?? "");
}

/** Names used as $name, ${name} or ${name:format} in a text, Grafana's built-ins (__…) left out. */
export function referencedVariables(text: string): string[] {
  return [...text.matchAll(/\$\{([A-Za-z_]\w*)(?::\w+)?\}|\$([A-Za-z_]\w*)/g)].map((match) => (match[1] ?? match[2])!).filter((name) => !name.startsWith("__"));
}
