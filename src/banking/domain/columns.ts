/**
 * Finding a sheet's columns by their headers: the first row (within the first `scan` rows) that names every
 * required column, each by any of its accepted names. Banks and Excel users put titles, account lines and
 * blank rows above the header, and name columns slightly differently.
 */
export interface HeaderMatch<K extends string, R extends K> {
  /** Index (0-based) of the header row; data starts on the next row. */
  row: number;
  /** Column index of each field found: the required ones always. */
  columns: Partial<Record<K, number>> & Record<R, number>;
}

const normalize = (s: string) => s.replace(/[\s\u3000]/g, '').replace(/[（(].*?[)）]/g, '').toLowerCase();

export function findHeader<K extends string, R extends K>(
  rows: string[][],
  names: Record<K, readonly string[]>,
  required: readonly R[],
  scan = 20,
): HeaderMatch<K, R> | null {
  for (let i = 0; i < Math.min(rows.length, scan); i++) {
    const cells = rows[i].map(normalize);
    const columns: Record<string, number> = {};
    for (const key of Object.keys(names) as K[]) {
      const at = cells.findIndex((c) => c !== '' && names[key].some((n) => normalize(n) === c));
      if (at >= 0) columns[key] = at;
    }
    if (required.every((k) => columns[k] !== undefined)) return { row: i, columns: columns as HeaderMatch<K, R>['columns'] };
  }
  return null;
}

/** A data row with no text in any cell: skipped (Excel leaves them; banks put them between sections). */
export function isBlank(row: string[] | undefined): boolean {
  return !row || row.every((c) => c.trim() === '');
}
