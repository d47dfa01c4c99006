import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { operationInputs, operations } from '@opentrain-ai/sdk/operations';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { mcpWorld } from './support.js';

// The 41 official tool names, grouped as on the OpenTrain MCP tools reference.
const OFFICIAL_TOOLS = [
  // Auth and identity
  'opentrain_register_agent',
  'opentrain_claim_account',
  'opentrain_claim_status',
  'opentrain_auth_status',
  'opentrain_capabilities',
  // Jobs
  'opentrain_create_job_draft',
  'opentrain_update_job_draft_fields',
  'opentrain_publish_job',
  'opentrain_update_published_job',
  'opentrain_close_job',
  'opentrain_list_jobs',
  'opentrain_search_jobs',
  // Proposals and candidates
  'opentrain_list_proposals',
  'opentrain_get_proposal',
  'opentrain_get_freelancer_profile',
  'opentrain_invite_freelancer',
  'opentrain_hire_proposal',
  // Messages
  'opentrain_read_messages',
  'opentrain_send_message',
  'opentrain_start_proposal_conversation',
  // Contracts and milestones
  'opentrain_list_contracts',
  'opentrain_get_contract',
  'opentrain_create_milestone',
  'opentrain_request_milestone_funding',
  'opentrain_request_milestone_approval',
  'opentrain_get_approval',
  'opentrain_end_contract',
  // Credits
  'opentrain_get_credits',
  'opentrain_list_credit_ledger',
  'opentrain_create_credit_top_up',
  'opentrain_get_credit_top_up',
  // Updates
  'opentrain_poll_updates',
  // Webhooks
  'opentrain_create_webhook',
  'opentrain_list_webhooks',
  'opentrain_get_webhook',
  'opentrain_delete_webhook',
  // Tokens
  'opentrain_list_tokens',
  'opentrain_revoke_token',
  // Team
  'opentrain_get_team',
  'opentrain_invite_team_member',
  // Payments
  'opentrain_list_pending_payments',
];

const DESTRUCTIVE = [
  'opentrain_close_job',
  'opentrain_end_contract',
  'opentrain_revoke_token',
  'opentrain_delete_webhook',
];
const READ_ONLY = [
  'opentrain_auth_status',
  'opentrain_capabilities',
  'opentrain_list_jobs',
  'opentrain_search_jobs',
  'opentrain_list_proposals',
  'opentrain_get_proposal',
  'opentrain_get_freelancer_profile',
  'opentrain_read_messages',
  'opentrain_list_contracts',
  'opentrain_get_contract',
  'opentrain_get_approval',
  'opentrain_get_credits',
  'opentrain_list_credit_ledger',
  'opentrain_get_credit_top_up',
  'opentrain_poll_updates',
  'opentrain_list_webhooks',
  'opentrain_get_webhook',
  'opentrain_list_tokens',
  'opentrain_get_team',
  'opentrain_list_pending_payments',
];

async function listTools(): Promise<Map<string, Tool>> {
  const world = await mcpWorld();
  const { tools } = await world.client.listTools();
  return new Map(tools.map((tool) => [tool.name, tool]));
}

function tool(tools: Map<string, Tool>, name: string): Tool {
  const found = tools.get(name);
  if (!found) throw new Error(`${name} is not listed`);
  return found;
}

describe('tools/list', () => {
  test('offers exactly the 41 official tools', async () => {
    const tools = await listTools();
    expect(OFFICIAL_TOOLS).toHaveLength(41);
    expect([...tools.keys()].sort()).toEqual([...OFFICIAL_TOOLS].sort());
  });

  test('every input schema compiles as JSON Schema 2020-12 and refuses arguments it does not list', async () => {
    const tools = await listTools();
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
    addFormats(ajv);
    for (const [name, { inputSchema }] of tools) {
      expect(inputSchema.type, name).toBe('object');
      const validate = ajv.compile(inputSchema);
      validate({ notAnArgument: 1 });
      expect(
        validate.errors?.map((error) => error.keyword),
        name,
      ).toContain('additionalProperties');
    }
  });

  test('the advertised schemas accept well-formed calls and refuse malformed ones', async () => {
    const tools = await listTools();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const accepts = (name: string, args: Record<string, unknown>) => ajv.validate(tool(tools, name).inputSchema, args);
    expect(
      accepts('opentrain_hire_proposal', { proposalId: 'prp_1', milestone: { name: 'Batch 1', amount: 360 } }),
    ).toBe(true);
    expect(accepts('opentrain_hire_proposal', { milestone: { name: 'Batch 1', amount: 360 } })).toBe(false);
    expect(accepts('opentrain_list_jobs', { status: 'OPEN', limit: 100, cursor: 'abc' })).toBe(true);
    expect(accepts('opentrain_list_jobs', { limit: 500 })).toBe(false);
    expect(accepts('opentrain_create_job_draft', { jobDescription: 'Transcribe audio', idempotencyKey: 'k1' })).toBe(
      true,
    );
    expect(
      accepts('opentrain_create_webhook', { url: 'https://example.com/hook', eventTypes: ['proposal.received'] }),
    ).toBe(true);
    expect(accepts('opentrain_create_webhook', { url: 'ftp://example.com', eventTypes: [] })).toBe(false);
    expect(accepts('opentrain_register_agent', {})).toBe(true);
    expect(accepts('opentrain_register_agent', { force: 'yes' })).toBe(false);
    expect(accepts('opentrain_claim_account', { email: 'owner@example.com' })).toBe(true);
    expect(accepts('opentrain_claim_account', { claimToken: 'ot_clm_x' })).toBe(false);
    expect(accepts('opentrain_auth_status', {})).toBe(true);
    // Every import format of a job draft, not only the one the first shape of the body names.
    for (const format of ['text', 'opentrain_canonical', 'schema_org_job_posting', 'indeed_xml', 'hr_xml']) {
      expect(accepts('opentrain_create_job_draft', { format, rawJobDescription: 'x' }), format).toBe(true);
    }
    expect(accepts('opentrain_create_job_draft', { format: 'pdf' })).toBe(false);
  });

  test('the generic tools take the operation fields under their wire names, required as the spec says', async () => {
    const tools = await listTools();
    const hire = tool(tools, 'opentrain_hire_proposal').inputSchema;
    expect(Object.keys(hire.properties ?? {})).toEqual(['proposalId', 'milestone', 'confirmNotFitOverride']);
    expect(hire.required).toEqual(['proposalId', 'milestone']);

    const listJobs = tool(tools, 'opentrain_list_jobs').inputSchema;
    expect(Object.keys(listJobs.properties ?? {})).toEqual(['status', 'limit', 'cursor']);
    expect(listJobs.required).toBeUndefined();
    expect((listJobs.properties as Record<string, { maximum?: number }>).limit?.maximum).toBe(100);

    // A body that is a choice of shapes has no required field.
    const draft = tool(tools, 'opentrain_create_job_draft').inputSchema;
    expect(Object.keys(draft.properties ?? {})).toEqual(expect.arrayContaining(['jobDescription', 'idempotencyKey']));
    expect(draft.required).toBeUndefined();

    for (const operation of operations) {
      if (!operation.mcpTool || operation.api !== 'public' || operation.path.startsWith('/api/agent/')) continue;
      const names = operationInputs[operation.operationId].fields.map((field) => field.name);
      expect(Object.keys(tool(tools, operation.mcpTool).inputSchema.properties ?? {}), operation.mcpTool).toEqual(
        names,
      );
    }
  });

  test('the onboarding tools take the documented camelCase arguments', async () => {
    const tools = await listTools();
    expect(Object.keys(tool(tools, 'opentrain_register_agent').inputSchema.properties ?? {})).toEqual([
      'agentName',
      'organizationName',
      'force',
    ]);
    const claim = tool(tools, 'opentrain_claim_account').inputSchema;
    expect(Object.keys(claim.properties ?? {})).toEqual(['email', 'claimToken']);
    expect(claim.required).toEqual(['email']);
    const status = tool(tools, 'opentrain_claim_status').inputSchema;
    expect(Object.keys(status.properties ?? {})).toEqual(['claimToken']);
    expect(status.required).toBeUndefined();
  });

  test('annotations: reads are read-only, closing and deleting calls are destructive, idempotency follows the table', async () => {
    const tools = await listTools();
    for (const [name, { annotations }] of tools) {
      expect(annotations?.readOnlyHint, name).toBe(READ_ONLY.includes(name));
      expect(annotations?.destructiveHint, name).toBe(DESTRUCTIVE.includes(name));
      expect(annotations?.openWorldHint, name).toBe(true);
      expect(annotations?.title, name).toEqual(expect.any(String));
      const operation = operations.find((row) => row.mcpTool === name);
      expect(annotations?.idempotentHint, name).toBe(operation?.idempotent);
    }
    expect(tool(tools, 'opentrain_create_job_draft').annotations?.idempotentHint).toBe(false);
    expect(tool(tools, 'opentrain_publish_job').annotations?.idempotentHint).toBe(true);
  });

  test('descriptions carry the summary, the behaviour and the gates of the wrapped endpoint', async () => {
    const tools = await listTools();
    const hire = tool(tools, 'opentrain_hire_proposal').description ?? '';
    expect(hire).toContain('Request to hire a proposal');
    expect(hire).toContain('proposals:write');
    expect(hire).toContain('public_api_hiring');
    expect(hire).toContain('claimed account');
    expect(hire).toContain('approvalUrl');
    expect(hire).toContain('opentrain_get_approval');
    expect(hire).toContain('POST /api/public/v1/proposals/{proposalId}/hire');
    // How the call behaves, from the first paragraph of the operation's description in the spec.
    expect(hire).toContain('nobody is hired and no money moves yet');

    const search = tool(tools, 'opentrain_search_jobs').description ?? '';
    expect(search).toContain('No token needed');
    expect(search).toContain('nextCursor as cursor');

    const poll = tool(tools, 'opentrain_poll_updates').description ?? '';
    expect(poll).toContain('at least one of proposals:read, messages:read, payments:read');
    expect(poll).toContain('keep the returned nextCursor and pass it as cursor on every later call');
    expect(tool(tools, 'opentrain_create_job_draft').description).toContain('same idempotencyKey');
    expect(tool(tools, 'opentrain_end_contract').description).toContain('may answer with a pending approval');
    expect(tool(tools, 'opentrain_register_agent').description).toContain('force');

    // A body that is a choice of shapes says which shapes there are.
    expect(tool(tools, 'opentrain_create_job_draft').description).toContain(
      'plain text (`rawJobDescription`, or `jobDescription`), a `source` object, or a top-level `format`',
    );
    const capabilities = tool(tools, 'opentrain_capabilities').description ?? '';
    expect(capabilities).toContain('Feature flag: public_api_job_drafting.');
    expect(capabilities).not.toContain('see opentrain_capabilities');
  });
});
