import { type OperationInfo, operations } from '@opentrain-ai/sdk/operations';
import { UsageError } from '../../errors.js';

/** Where a path without a leading slash is taken from: `jobs/facets` is `/api/public/v1/jobs/facets`. */
export const PUBLIC_API_ROOT = '/api/public/v1';

const SUGGESTIONS = 5;
const PLACEHOLDER_ORIGIN = 'http://path.invalid';

/** The argument of `opentrain api`, split into the API path (still percent-encoded) and its query string. */
export interface Target {
  pathname: string;
  query: Record<string, string | string[]>;
}

/** The operation a request goes to, with the path parameters taken from the path. */
export interface Match {
  row: OperationInfo;
  path: Record<string, string>;
}

export const isAbsoluteUrl = (raw: string): boolean => /^[a-z][a-z\d+.-]*:\/\//i.test(raw.trim());

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}

/** The path under the base URL of a full URL; a URL elsewhere would send the token to another server. */
function pathUnderBase(url: URL, baseUrl: string): string {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  if (url.origin !== base.origin || (prefix !== '' && !url.pathname.startsWith(`${prefix}/`))) {
    throw new UsageError(
      `${url.origin}${url.pathname} is not on the API's base URL ${baseUrl}; pass the path alone ` +
        '(e.g. /api/public/v1/jobs/facets), or choose the API with --base-url',
    );
  }
  return url.pathname.slice(prefix.length);
}

/**
 * Reads the argument: an absolute path (`/api/partner/v1/installs/current`), a path under the Public API
 * (`jobs/facets`), or a full URL on `baseUrl`; each may carry a query string. `baseUrl` is needed only for a full URL.
 */
export function parseTarget(raw: string, baseUrl?: string): Target {
  const text = raw.trim();
  if (text === '' || text === '/') {
    throw new UsageError('expected an API path such as /api/public/v1/jobs/facets (or jobs/facets for short)');
  }
  let url: URL;
  let pathname: string;
  if (isAbsoluteUrl(text)) {
    try {
      url = new URL(text);
    } catch {
      throw new UsageError(`${text} is not a valid URL`);
    }
    if (baseUrl === undefined) throw new Error('a full URL needs the base URL to check it against');
    pathname = pathUnderBase(url, baseUrl);
  } else {
    // Parsed against a placeholder origin only to split the path from the query and normalise it.
    url = new URL(text.startsWith('/') ? text : `${PUBLIC_API_ROOT}/${text}`, PLACEHOLDER_ORIGIN);
    if (url.origin !== PLACEHOLDER_ORIGIN) throw new UsageError(`${text} is not a path; a path has one leading /`);
    pathname = url.pathname;
  }
  return { pathname: pathname.replace(/(.)\/+$/, '$1'), query: queryOf(url) };
}

const segmentsOf = (path: string) => path.split('/').slice(1);
const isParam = (segment: string) => /^\{[^{}]+\}$/.test(segment);

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new UsageError(`the path segment ${segment} is not valid percent-encoding`);
  }
}

/** The path parameters when `segments` fit the template, else undefined. */
function matchTemplate(template: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = segmentsOf(template);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = decodeSegment(segments[index] ?? '');
    if (isParam(part)) {
      if (segment === '') return undefined;
      params[part.slice(1, -1)] = segment;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

/** Sorts templates that fit the same path: at the first place they differ, a fixed segment wins over a parameter. */
function moreSpecific(a: string, b: string): number {
  const left = segmentsOf(a);
  const right = segmentsOf(b);
  for (const [index, part] of left.entries()) {
    const difference = Number(isParam(part)) - Number(isParam(right[index] ?? ''));
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Edit distance between two strings, to rank the operations a mistyped path probably meant. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (const [i, charA] of [...a].entries()) {
    const current = [i + 1];
    for (const [j, charB] of [...b].entries()) {
      current.push(
        Math.min((previous[j + 1] ?? 0) + 1, (current[j] ?? 0) + 1, (previous[j] ?? 0) + (charA === charB ? 0 : 1)),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** How many leading segments of the path the template accepts. */
function sharedPrefix(template: string, segments: readonly string[]): number {
  const parts = segmentsOf(template);
  let count = 0;
  while (count < parts.length && count < segments.length) {
    const part = parts[count] ?? '';
    if (!isParam(part) && part !== segments[count]) break;
    count += 1;
  }
  return count;
}

/** The template with its parameters replaced by the path's segments at the same place, to compare like with like. */
function filledTemplate(template: string, segments: readonly string[]): string {
  const parts = segmentsOf(template).map((part, index) => (isParam(part) ? (segments[index] ?? part) : part));
  return `/${parts.join('/')}`;
}

const describeRow = (row: OperationInfo) => `  ${row.method.padEnd(6)} ${row.path}  ${row.summary}`;

/**
 * The operations most like `pathname` among those sharing at least its first two segments (`/api/public`), so a
 * path that shares only `/api` suggests nothing. A path outside `/api` is compared as if under the Public API, the
 * usual slip.
 */
function closestOperations(given: string): OperationInfo[] {
  const pathname = /^\/(api|\.well-known)\//.test(given) ? given : `${PUBLIC_API_ROOT}${given}`;
  const segments = segmentsOf(pathname);
  return (operations as readonly OperationInfo[])
    .map((row) => ({
      row,
      prefix: sharedPrefix(row.path, segments),
      distance: editDistance(filledTemplate(row.path, segments), pathname),
    }))
    .filter((entry) => entry.prefix >= 2)
    .sort((a, b) => a.distance - b.distance || b.prefix - a.prefix)
    .slice(0, SUGGESTIONS)
    .map((entry) => entry.row);
}

function unknownPath(pathname: string): UsageError {
  const closest = closestOperations(pathname);
  const lines = [`no operation of the API has the path ${pathname}.`];
  if (closest.length > 0) lines.push('Closest operations:', ...closest.map(describeRow));
  else lines.push(`Paths start with ${PUBLIC_API_ROOT}/ (the Public API) or /api/partner/v1/ (the Platform API).`);
  return new UsageError(lines.join('\n'));
}

/**
 * The operation for `method` and `pathname`. As OpenAPI routes, the path chooses the template first (fixed segments
 * before parameters: `/jobs/facets` is not the job `facets`), then the method must be one that template has.
 */
export function findOperation(method: string, pathname: string): Match {
  const segments = segmentsOf(pathname);
  const fits: Match[] = [];
  for (const row of operations as readonly OperationInfo[]) {
    const path = matchTemplate(row.path, segments);
    if (path) fits.push({ row, path });
  }
  fits.sort((a, b) => moreSpecific(a.row.path, b.row.path));
  const template = fits[0]?.row.path;
  if (template === undefined) throw unknownPath(pathname);
  const sameTemplate = fits.filter((entry) => entry.row.path === template);
  const match = sameTemplate.find((entry) => entry.row.method === method);
  if (!match) {
    throw new UsageError(
      [
        `${template} has no ${method} operation; pass -X with one of:`,
        ...sameTemplate.map((entry) => describeRow(entry.row)),
      ].join('\n'),
    );
  }
  return match;
}
