import { type OperationInfo, operationsById } from '@opentrain-ai/sdk/operations';

const CLAIM_STEPS = 'opentrain_claim_account, then opentrain_claim_status';
// The tool that reports which feature flags are on.
const CAPABILITIES_TOOL = operationsById.getCapabilities.mcpTool;

function featureLine(operation: OperationInfo, feature: string): string {
  const probe = operation.mcpTool === CAPABILITIES_TOOL ? '' : ` (see ${CAPABILITIES_TOOL})`;
  return `Feature flag: ${feature}${probe}.`;
}

function scopeLine(operation: OperationInfo): string {
  if (operation.tokenless) return 'No token needed.';
  if (operation.scopes.length > 0) return `Token scopes: ${operation.scopes.join(', ')}.`;
  if (operation.scopesAnyOf?.length) return `Token scopes: at least one of ${operation.scopesAnyOf.join(', ')}.`;
  return 'Works with any valid token.';
}

function approvalLine(operation: OperationInfo): string | undefined {
  if (!operation.approval) return undefined;
  const always = !operation.successStatuses.some((status) => status !== 202);
  return (
    `Needs human approval: ${always ? 'answers' : 'may answer'} with a pending approval (${operation.approval}); ` +
    'nothing happens until a person opens its approvalUrl and confirms. Follow it with opentrain_get_approval.'
  );
}

/** What a call needs and how it behaves, from the operation's row: scopes, feature flag, claim, approval, paging. */
export function gateLines(operation: OperationInfo): string[] {
  const lines = [scopeLine(operation)];
  if (operation.feature) lines.push(featureLine(operation, operation.feature));
  if (operation.claimRequired) {
    lines.push(`Needs a claimed account: a human must complete the claim first (${CLAIM_STEPS}).`);
  }
  const approval = approvalLine(operation);
  if (approval) lines.push(approval);
  if (operation.pagination) {
    const { cursorParam, nextCursor, hasMore } = operation.pagination;
    lines.push(
      hasMore
        ? `A feed: keep the returned ${nextCursor} and pass it as ${cursorParam} on every later call; when ${hasMore} ` +
            'is true, call again at once.'
        : `Returns one page: pass the returned ${nextCursor} as ${cursorParam} to get the next.`,
    );
  }
  if (operation.idempotencyKey?.in === 'body') {
    const key = operation.idempotencyKey.name;
    lines.push(`When retrying, send the same ${key} again: the retry then returns the first result, not a duplicate.`);
  }
  return lines;
}

/** The first paragraph of the operation's description, on one line: what the call does and what to watch for. */
function behaviour(operation: OperationInfo): string | undefined {
  const [first] = operation.description.split(/\n\s*\n/);
  return first ? first.replace(/\s+/g, ' ').trim() : undefined;
}

/** The tool description: the summary, how the call behaves, what it needs, and the endpoint it wraps. */
export function describeOperation(operation: OperationInfo, intro: string = operation.summary): string {
  const head = /[.!?]$/.test(intro) ? intro : `${intro}.`;
  const about = behaviour(operation);
  return [
    head,
    ...(about ? [about] : []),
    ...gateLines(operation),
    `Calls ${operation.method} ${operation.path}.`,
  ].join('\n');
}
