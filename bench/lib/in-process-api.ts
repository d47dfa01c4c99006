import type { FetchFunction } from '@opentrain-ai/sdk';

/**
 * A stand-in for the OpenTrain API that answers from bodies serialised once up front, so a benchmark built on it
 * measures the client's own work (building the request, validation, retries bookkeeping, parsing) and not a network
 * or a server. The SDK and the hand-written baseline call the very same function.
 */

export const ME_PATH = '/api/public/v1/auth/me';
export const MY_JOBS_PATH = '/api/public/v1/jobs/mine';
export const BASE_URL = 'https://api.example.test';
export const TOKEN = 'ot_pat_bench0000000000000000';

export const PAGE_COUNT = 3;
export const JOBS_PER_PAGE = 25;

const encoder = new TextEncoder();

const me = {
  actor: {
    userId: 'usr_a2udkbypaeo1',
    email: 'owner@example.com',
    firstName: 'Mira',
    lastName: 'Chen',
    fullName: 'Mira Chen',
    userType: 'EMPLOYER',
  },
  token: {
    id: 'tok_aaihm26btgw5',
    label: 'Full access',
    scopes: ['jobs:read', 'jobs:write', 'proposals:read', 'proposals:write', 'payments:read', 'webhooks:manage'],
    ownerOrganizationId: null,
  },
  account: {
    kind: 'employer_organization',
    organizationId: 'org_7ptmlnj4xxnh',
    ownerUserId: 'usr_a2udkbypaeo1',
    memberRole: 'OWNER',
    claimed: true,
  },
};

function job(index: number) {
  const id = `job_${String(index).padStart(12, '0')}`;
  return {
    id,
    title: `Spanish Sentiment Labeling, batch ${index}`,
    status: 'OPEN',
    published: true,
    acceptingApplicants: true,
    createdAt: '2026-06-01T09:00:00.000Z',
    updatedAt: '2026-06-02T09:00:00.000Z',
    jobUrl: `https://app.opentrain.ai/jobs/${id}`,
    proposalCounts: { total: index % 7, unreviewed: index % 3 },
  };
}

/** Page bodies keyed by the cursor that asks for them ('' for the first page). */
function jobPages(): Map<string, Uint8Array<ArrayBuffer>> {
  const pages = new Map<string, Uint8Array<ArrayBuffer>>();
  for (let page = 0; page < PAGE_COUNT; page++) {
    const jobs = Array.from({ length: JOBS_PER_PAGE }, (_, i) => job(page * JOBS_PER_PAGE + i));
    const nextCursor = page + 1 < PAGE_COUNT ? `cursor_${page + 1}` : null;
    pages.set(page === 0 ? '' : `cursor_${page}`, encoder.encode(JSON.stringify({ jobs, nextCursor })));
  }
  return pages;
}

const meBody = encoder.encode(JSON.stringify(me));
const pages = jobPages();

const json = (body: Uint8Array<ArrayBuffer> | string, status = 200) =>
  new Response(body, {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_bench' },
  });

/** Answers GET auth/me and the three pages of GET jobs/mine; anything else is an error the benchmark reports. */
export const inProcessFetch: FetchFunction = async (request) => {
  if (request.headers.get('authorization') !== `Bearer ${TOKEN}`) {
    return json('{"error":{"code":"unauthorized","message":"bad token"}}', 401);
  }
  const url = new URL(request.url);
  if (request.method === 'GET' && url.pathname === ME_PATH) return json(meBody);
  const page =
    request.method === 'GET' && url.pathname === MY_JOBS_PATH && pages.get(url.searchParams.get('cursor') ?? '');
  if (page) return json(page);
  return json(`{"error":{"code":"not_found","message":"${request.method} ${url.pathname}"}}`, 404);
};
