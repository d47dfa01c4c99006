import { operations, operationsById } from '@opentrain-ai/sdk/operations';
import type { Command } from 'commander';
import type { CliContext } from '../io.js';
import { claimCommand } from './auth/claim.js';
import { claimStatusCommand } from './auth/claim-status.js';
import { loginCommand } from './auth/login.js';
import { logoutCommand } from './auth/logout.js';
import { registerCommand } from './auth/register.js';
import { draftCreateCommand } from './jobs/draft/create.js';
import { draftUpdateCommand } from './jobs/draft/update.js';
import { jobUpdateCommand } from './jobs/update.js';
import { operationCommand } from './operation-command.js';
import { webhookCreateCommand } from './webhooks/create.js';

type Builder = (parent: Command, ctx: CliContext) => Command;

/** Commands whose behaviour or documented flags differ from what the operation table gives. */
const HAND_WRITTEN: Readonly<Record<string, Builder>> = {
  'auth register': registerCommand,
  'auth claim': claimCommand,
  'auth claim-status': claimStatusCommand,
  'jobs draft create': draftCreateCommand,
  'jobs draft update': draftUpdateCommand,
  'jobs update': jobUpdateCommand,
  'webhooks create': webhookCreateCommand,
};

/** Commands that call no operation of their own. */
const LOCAL: Readonly<Record<string, Builder>> = {
  'auth login': loginCommand,
  'auth logout': logoutCommand,
};

// The order of the help listing: the onboarding path first, then the hiring path, then the rest.
const NAMESPACE_ORDER = [
  'auth',
  'capabilities',
  'jobs',
  'proposals',
  'freelancers',
  'messages',
  'contracts',
  'milestones',
  'approvals',
  'credits',
  'updates',
  'webhooks',
  'tokens',
  'team',
  'payments',
];

const GROUP_DESCRIPTIONS: Readonly<Record<string, string>> = {
  auth: 'Register an agent account, have a human claim it, log in and out',
  jobs: 'Draft, publish, edit, close, list and search jobs',
  'jobs draft': 'Create a job draft from text and fill in what it still needs',
  proposals: 'Review proposals, start conversations and hire (hiring needs a human to confirm)',
  freelancers: 'AI trainer profiles and job invites',
  messages: 'Read and send messages',
  contracts: 'Contracts with hired AI trainers',
  milestones: 'Create, fund and approve milestones (funding and approving need a human to confirm)',
  approvals: 'Human approvals of money movements',
  credits: 'Credit balance, ledger and top-ups',
  'credits top-up': 'Buy credits through a checkout page',
  updates: 'The updates feed',
  webhooks: 'Webhook subscriptions',
  tokens: 'API tokens of this account',
  team: 'Team members and invites',
  payments: 'Payments waiting for action',
};

/** The group for `words` (all but the last word of a command), created on first use. */
function groupFor(program: Command, words: readonly string[]): Command {
  let parent = program;
  words.forEach((word, index) => {
    const path = words.slice(0, index + 1).join(' ');
    parent =
      parent.commands.find((command) => command.name() === word) ??
      parent
        .command(word)
        .description(GROUP_DESCRIPTIONS[path] ?? `${path} commands`)
        .helpCommand(false);
  });
  return parent;
}

const namespaceRank = (words: string) => {
  const rank = NAMESPACE_ORDER.indexOf(words.split(' ')[0] ?? '');
  return rank === -1 ? NAMESPACE_ORDER.length : rank;
};

/**
 * Every operation with a command in the table becomes that command (its words are the path: `jobs draft create`),
 * built generically unless it is hand-written; then the local auth commands and the `whoami` alias.
 */
export function addApiCommands(program: Command, ctx: CliContext): void {
  const rows = operations
    .filter((row) => row.cli)
    .sort((a, b) => namespaceRank(a.cli ?? '') - namespaceRank(b.cli ?? ''));
  for (const row of rows) {
    const words = (row.cli ?? '').split(' ');
    const parent = groupFor(program, words.slice(0, -1));
    const handWritten = HAND_WRITTEN[row.cli ?? ''];
    if (handWritten) handWritten(parent, ctx);
    else operationCommand(parent, words.at(-1) ?? '', row, ctx);
  }
  for (const [path, build] of Object.entries(LOCAL)) build(groupFor(program, path.split(' ').slice(0, -1)), ctx);
  operationCommand(program, 'whoami', operationsById.getMe, ctx).description(
    'Show the user, token, scopes and account behind the current token (same as auth status)',
  );
}
