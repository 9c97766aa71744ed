/** How the UI names where a value came from (the `provenance` of snapshots and rollups). */
export const PROVENANCE_LABEL: Record<string, string> = {
  api: 'platform API',
  csv: 'CSV import',
  manual: 'entered by hand',
  estimated: 'estimate',
};
