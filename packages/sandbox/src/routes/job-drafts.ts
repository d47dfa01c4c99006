import { readBodyObject } from '../http/body.js';
import { originOf, type SandboxContext } from '../http/context.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { authOf } from '../http/gates.js';
import type { SandboxRouter } from '../http/router.js';
import { inputOf } from '../http/validation.js';
import { DraftImportError, importDraft } from '../state/draft-import.js';
import { UPDATE_KEYS } from '../state/job-fields.js';
import { draftResultView } from '../state/job-views.js';
import { createDraft, findDraftByIdempotencyKey, findOwnedJob, setJobFields } from '../state/jobs.js';
import type { JobFields } from '../state/records/jobs.js';

const DRAFTING = { scopes: ['jobs:write' as const], feature: 'public_api_job_drafting' as const };

/** `POST /job-drafts` and `PATCH /job-drafts/{jobId}`: part of the jobs family, kept apart for readability. */
export function registerJobDraftOperations(router: SandboxRouter): void {
  router.operation(
    { operationId: 'createJobDraft', method: 'POST', path: '/api/public/v1/job-drafts', auth: DRAFTING },
    async (c) => {
      const runtime = c.var.sandbox;
      const { account } = authOf(c);
      const body = await rawBody(c);
      const fingerprint = fingerprintOf(body);
      let imported: ReturnType<typeof importDraft>;
      try {
        imported = importDraft(body);
      } catch (error) {
        if (error instanceof DraftImportError) throw badRequest(error.message, { field: error.field });
        throw error;
      }

      const existing = imported.idempotencyKey
        ? findDraftByIdempotencyKey(runtime.state, account.id, imported.idempotencyKey)
        : undefined;
      if (existing) {
        const warnings =
          existing.requestFingerprint === fingerprint
            ? []
            : ['This idempotencyKey was first sent with a different body; the draft it created is returned unchanged.'];
        return c.json(draftResultView(existing, originOf(c), warnings), 200);
      }
      const job = createDraft(runtime.state, account.id, imported, fingerprint, runtime.now());
      return c.json(draftResultView(job, originOf(c)), 201);
    },
  );

  router.operation(
    { operationId: 'updateJobDraft', method: 'PATCH', path: '/api/public/v1/job-drafts/{jobId}', auth: DRAFTING },
    async (c) => {
      const runtime = c.var.sandbox;
      const changes = await jobFieldChanges(c);
      const jobId = String(inputOf(c).path.jobId);
      const job = findOwnedJob(runtime.state, authOf(c).account.id, jobId);
      if (!job) throw notFound('jobs', 'jobId', jobId);
      if (job.status !== 'DRAFT') {
        throw conflict('Only draft jobs can be edited here; use PATCH /api/public/v1/jobs/{jobId} for live jobs.', {
          jobId,
          status: job.status,
          requiredStatus: 'DRAFT',
        });
      }
      setJobFields(job, changes, runtime.now());
      return c.json(draftResultView(job, originOf(c)), 200);
    },
  );
}

const UPDATE_KEY_SET: ReadonlySet<string> = new Set(UPDATE_KEYS);

/**
 * The fields a draft or live-job update sets. The generated schema drops keys it does not know, so the raw body is
 * checked for them first: the server refuses unknown keys instead of ignoring them.
 */
export async function jobFieldChanges(c: SandboxContext): Promise<JobFields> {
  const unknown = Object.keys(await rawBody(c)).filter((key) => !UPDATE_KEY_SET.has(key));
  if (unknown.length > 0) {
    throw badRequest(
      `Unknown job field${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}. The accepted keys are draft.updateKeys of GET /api/public/v1/job-drafts/capabilities.`,
      {
        field: unknown[0],
        issues: [
          {
            code: 'unrecognized_keys',
            keys: unknown,
            path: [],
            message: `Unrecognized key(s) in object: ${unknown.map((key) => `'${key}'`).join(', ')}`,
          },
        ],
      },
    );
  }
  const changes = inputOf(c).body as JobFields;
  if (Object.keys(changes).length === 0) {
    throw badRequest('Request body must contain at least one field', { field: 'body' });
  }
  return changes;
}

/** The body as sent (already read and checked by contract validation; the read is served from Hono's cache). */
async function rawBody(c: SandboxContext): Promise<Record<string, unknown>> {
  const read = await readBodyObject(c);
  return read.ok ? read.value : {};
}

/** FNV-1a over the body's JSON: enough to notice a retry key reused with a different body. */
function fingerprintOf(body: unknown): string {
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(body)) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
