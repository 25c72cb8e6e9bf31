/** Search over the incoming register: checks the filters, parses the text, pages by keyset. */
import { incomingVisibility, type Viewer } from '../accounts/visibility.js';
import { canonicalTypeName } from '../../shared/domain/documentTypes.js';
import { INCOMING_STATUSES, SECRECIES, URGENCIES, type IncomingStatus, type Secrecy, type Urgency } from '../../shared/domain/enums.js';
import type { IncomingRecord } from '../../shared/domain/incoming.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { fromVietnameseDate, isValidDate } from '../../shared/text/dates.js';
import { clampLimit } from '../incoming/incomingService.js';
import { decodeCursor, encodeCursor } from '../store/cursor.js';
import type { Repositories, Store } from '../store/ports.js';
import { SEARCH_SCOPES, type ContentHit, type ContentPage, type SearchScope } from '../../shared/domain/capture.js';
import { fold } from '../../shared/text/vietnamese.js';
import { fnv1a } from '../../shared/text/fnv.js';
import { parseQuery, type ParsedQuery } from './parseQuery.js';

export interface SearchParams {
  query?: string | null;
  from?: string;
  to?: string;
  issuedFrom?: string;
  issuedTo?: string;
  type?: string;
  org?: string;
  urgency?: string;
  secrecy?: string;
  register?: string;
  status?: string;
  includeVoided?: boolean;
  sort?: string;
  limit?: number;
  cursor?: string | null;
  /** Where the text is looked for: the register's fields (default), the files' text, or both. */
  in?: string;
}

export interface SearchResult {
  /** The number of hits; when totalCapped, SEARCH_COUNT_CAP: there are more (see count). */
  total: number;
  totalCapped: boolean;
  items: IncomingRecord[];
  nextCursor: string | null;
  /** With `in` content or all: for each item found by its files' text, the first matching line and its page. */
  contentHits?: ContentHit[];
}

function checkDate(field: string, v: string | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  const d = fromVietnameseDate(v);
  if (!isValidDate(d)) throw new AppFailure(makeError('invalid_date', { field }));
  return d;
}

function checkEnum<T extends string>(field: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined || v === '') return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new AppFailure(makeError('invalid_enum', { field, params: { value: v } }));
  return v as T;
}

/**
 * Searching the files' text (scope content or all), a page counts its hits up to this many —
 * a common word is in most documents, and walking its doclist with positions to 10,000 hits
 * costs more than the page itself — and relevance scores the newest CONTENT_CANDIDATES.
 */
export const CONTENT_COUNT_CAP = 1000;
export const CONTENT_CANDIDATES = 200;

export class SearchService {
  constructor(private readonly store: Store) {}

  /** With a viewer, only what they may see is found, paged and counted (accounts/visibility.ts). */
  async search(p: SearchParams, viewer?: Viewer): Promise<SearchResult> {
    const { limit, ...c } = this.check(p);
    // A cursor is only valid for the same question: bind it to a digest of the parameters.
    const kind = `search:${c.sort}:${JSON.stringify([p.query ?? '', c.arrivalFrom, c.arrivalTo, c.issuedFrom, c.issuedTo, c.typeName, p.org, c.urgency, c.secrecy, p.register, c.status, !!p.includeVoided, c.scope])}`;
    const kindKey = `s${hashString(kind)}`;
    const after = decodeCursor(p.cursor, kindKey);

    return this.store.read(async (repos) => {
      const inFiles = c.scope !== 'fields' && c.text.terms.length > 0;
      const page = await repos.incoming.search({
        ...c,
        registerId: await this.registerId(repos, p.register),
        visible: incomingVisibility(viewer),
        limit,
        // The files' text is long: a page counts up to CONTENT_COUNT_CAP hits (the exact figure is
        // the count call) and relevance ranks the newest CONTENT_CANDIDATES.
        ...(inFiles ? { countCap: CONTENT_COUNT_CAP, candidateLimit: CONTENT_CANDIDATES } : {}),
        after: after ? { key: after.key, rank: after.rank } : undefined,
      });
      const nextCursor =
        page.items.length === limit && page.last ? encodeCursor({ kind: kindKey, key: page.last.key, rank: page.last.rank }) : null;
      const result: SearchResult = { total: page.total, totalCapped: page.totalCapped, items: page.items, nextCursor };
      if (c.scope !== 'fields' && c.text.terms.length && page.items.length) {
        result.contentHits = contentHits(await repos.incoming.contentPages(page.items.map((d) => d.id)), c.text);
      }
      return result;
    });
  }

  /** The exact number of hits of the same question (sort, limit and cursor play no part). */
  async count(p: SearchParams, viewer?: Viewer): Promise<{ total: number }> {
    const c = this.check(p);
    return this.store.read(async (repos) => ({
      total: await repos.incoming.searchCount({
        ...c,
        registerId: await this.registerId(repos, p.register),
        visible: incomingVisibility(viewer),
      }),
    }));
  }

  /** Checks the parameters (in the order users see errors) and builds the store's question, without register and cursor. */
  private check(p: SearchParams) {
    if (p.query !== undefined && p.query !== null && typeof p.query !== 'string') {
      throw new AppFailure(makeError('invalid_query', { field: 'query' }));
    }
    const sort = p.sort ?? (p.query?.trim() ? 'relevance' : 'date');
    if (sort !== 'relevance' && sort !== 'date')
      throw new AppFailure(makeError('invalid_enum', { field: 'sort', params: { value: sort } }));
    const limit = clampLimit(p.limit, 20, 500);
    const arrivalFrom = checkDate('from', p.from);
    const arrivalTo = checkDate('to', p.to);
    const issuedFrom = checkDate('issuedFrom', p.issuedFrom);
    const issuedTo = checkDate('issuedTo', p.issuedTo);
    let typeName: string | undefined;
    if (p.type) {
      typeName = canonicalTypeName(p.type) ?? undefined;
      if (!typeName) throw new AppFailure(makeError('unknown_type', { field: 'typeName', params: { value: p.type } }));
    }
    const urgency = checkEnum<Urgency>('urgency', p.urgency, URGENCIES);
    const secrecy = checkEnum<Secrecy>('secrecy', p.secrecy, SECRECIES);
    const status = checkEnum<IncomingStatus>('status', p.status, INCOMING_STATUSES);
    const scope = checkEnum<SearchScope>('in', p.in, SEARCH_SCOPES) ?? 'fields';
    return {
      scope,
      text: parseQuery(p.query),
      arrivalFrom,
      arrivalTo,
      issuedFrom,
      issuedTo,
      typeName,
      organName: p.org ? parseQuery(p.org) : undefined,
      urgency,
      secrecy,
      status,
      includeVoided: p.includeVoided ?? false,
      sort: sort as 'relevance' | 'date',
      limit,
    };
  }

  private async registerId(repos: Repositories, code: string | undefined): Promise<number | undefined> {
    if (!code) return undefined;
    const reg = await repos.registers.byCode(code);
    if (!reg) throw new AppFailure(makeError('unknown_register', { field: 'register', params: { value: code } }));
    return reg.id;
  }
}

/** Lines shown for a content hit: at most this long, cut around the match. */
const HIT_LINE_MAX = 200;

/**
 * For each document, the line of its files' text that holds the most of the query's terms
 * (the first such line; a term's words whole, the last one typed as a prefix), with its page:
 * what the clerk sees under a hit found by content.
 */
export function contentHits(pages: ContentPage[], text: ParsedQuery): ContentHit[] {
  const needles = text.terms.map((t) => ` ${t.words.join(' ')}${t.prefix ? '' : ' '}`);
  const words = (s: string) => ` ${(fold(s).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `;
  const best = new Map<number, { score: number; hit: ContentHit }>();
  for (const p of pages) {
    const lines = p.text.split('\n');
    const keys = lines.map(words);
    for (let i = 0; i < lines.length; i++) {
      // A phrase broken over two lines counts for the line where it starts.
      const pair = i + 1 < lines.length ? `${keys[i]!.trimEnd()}${keys[i + 1]!}` : keys[i]!;
      const score = needles.filter((n) => keys[i]!.includes(n) || (pair.includes(n) && !(keys[i + 1] ?? '').includes(n))).length;
      const seen = best.get(p.documentId);
      if (score === 0 || (seen && seen.score >= score)) continue;
      let line = lines[i]!.trim();
      if (line.length > HIT_LINE_MAX) line = line.slice(0, HIT_LINE_MAX - 1) + '…';
      best.set(p.documentId, {
        score,
        hit: { documentId: p.documentId, attachmentId: p.attachmentId, fileName: p.fileName, page: p.page, line },
      });
    }
  }
  return [...best.values()].map((b) => b.hit);
}

/** Small stable string hash (FNV-1a) to keep cursors short. */
function hashString(s: string): string {
  return (fnv1a(s) >>> 0).toString(36);
}
