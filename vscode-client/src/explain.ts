/** Pure helpers for the "Explain Error Code…" quick pick (no `vscode` import). */

export interface SearchResult {
  code: number;
  kit?: string;
  kitName?: string;
  title?: string;
}

export interface ExplainItem {
  label: string;
  description?: string;
  detail?: string;
  alwaysShow: true;
  /** What is sent to errcode.explain when the item is accepted. */
  query: string;
  kit?: string;
}

function isResult(v: unknown): v is SearchResult {
  return typeof v === 'object' && v !== null && typeof (v as SearchResult).code === 'number';
}

/**
 * Quick-pick items for the server's errcode.search answer, best first. The server has already
 * filtered fuzzily, so every item is always shown. A typed query that is not one of the codes
 * gets an "Explain …" item first, so names (`IMAGE_ALLOC_FAILED`, `IMAGE_RESULT_BASE + 5`) and
 * questions can be explained too.
 */
export function toItems(results: unknown, query: string): ExplainItem[] {
  const q = query.trim();
  const items: ExplainItem[] = [];
  const list = Array.isArray(results) ? results.filter(isResult) : [];
  for (const r of list) {
    items.push({
      label: String(r.code),
      description: r.kitName || r.kit || undefined,
      detail: r.title || undefined,
      alwaysShow: true,
      query: String(r.code),
      kit: r.kit || undefined,
    });
  }
  if (q && !list.some((r) => String(r.code) === q)) {
    items.unshift({ label: `$(search) Explain "${q}"`, alwaysShow: true, query: q });
  }
  return items;
}

/** The text to start the quick pick with: the selection or the number under the cursor. */
export function initialQuery(selection: string, lineText: string, character: number): string {
  const sel = selection.trim();
  if (sel && sel.length <= 200 && !sel.includes('\n')) return sel;
  const re = /-?(?:0[xX][0-9a-fA-F][0-9a-fA-F_']*|\d[\d_']*)[uUlL]*|[A-Z][A-Z0-9_]{2,}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(lineText)) !== null) {
    if (character >= m.index && character <= m.index + m[0].length) {
      const t = m[0];
      return /^[A-Z]/.test(t) ? t : t.replace(/[_']/g, '').replace(/[uUlL]+$/, '');
    }
  }
  return '';
}

/** A file name for an explanation document: `Error 7700201.md`. */
export function explanationName(query: string): string {
  const safe = query.trim().replace(/[\\/:*?"<>|#%\s]+/g, ' ').trim().slice(0, 60) || 'query';
  return /^-?\d+$/.test(safe) ? `Error ${safe}.md` : `${safe}.md`;
}
