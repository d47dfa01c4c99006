import type { Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { leafCommands, silentProgram } from '../src/command-reference.js';
import { cliWorld } from './support.js';

// The official command words: the 41 of the operation table plus auth login and auth logout.
const EXPECTED_COMMANDS = [
  'auth register',
  'auth claim',
  'auth claim-status',
  'auth status',
  'auth login',
  'auth logout',
  'capabilities',
  'jobs draft create',
  'jobs draft update',
  'jobs publish',
  'jobs update',
  'jobs close',
  'jobs list',
  'jobs search',
  'proposals list',
  'proposals get',
  'proposals conversation',
  'proposals hire',
  'freelancers get',
  'freelancers invite',
  'messages read',
  'messages send',
  'contracts list',
  'contracts get',
  'contracts end',
  'milestones create',
  'milestones fund',
  'milestones approve',
  'approvals get',
  'credits get',
  'credits ledger',
  'credits top-up create',
  'credits top-up get',
  'updates poll',
  'webhooks create',
  'webhooks list',
  'webhooks get',
  'webhooks delete',
  'tokens list',
  'tokens revoke',
  'team get',
  'team invite',
  'payments pending',
];
const EXTRA_COMMANDS = ['whoami', 'api', 'sandbox', 'completion', 'version', 'help'];
// Commands that call no API, so --json and --base-url would mean nothing to them.
const OFFLINE_COMMANDS = ['sandbox', 'completion', 'version', 'help'];

const byPath = new Map(leafCommands(silentProgram()).map(({ words, command }) => [words.join(' '), command]));

function option(path: string, flag: string): Option {
  const found = byPath.get(path)?.options.find((candidate) => candidate.long === flag);
  if (!found) throw new Error(`${path} has no ${flag}`);
  return found;
}

describe('the command tree', () => {
  it('has exactly the 43 official commands, plus whoami, api, sandbox, completion, version and help', () => {
    const paths = [...byPath.keys()];
    expect(paths.filter((path) => !EXTRA_COMMANDS.includes(path)).sort()).toEqual([...EXPECTED_COMMANDS].sort());
    expect(EXPECTED_COMMANDS).toHaveLength(43);
    for (const extra of EXTRA_COMMANDS) expect(paths).toContain(extra);
  });

  it('gives every command that calls the API --json and --base-url, and none a token flag except auth login', () => {
    for (const [path, command] of byPath) {
      const flags = command.options.map((candidate) => candidate.long);
      if (!OFFLINE_COMMANDS.includes(path))
        expect(flags, path).toEqual(expect.arrayContaining(['--json', '--base-url']));
      if (path !== 'auth login') expect(flags, path).not.toContain('--token');
    }
    expect(option('auth login', '--api-key').required).toBe(true);
    expect(option('auth login', '--token').hidden).toBe(true);
  });

  it('takes flags from the operation table, named after the wire fields', () => {
    // A path parameter, a query enum, an integer, a boolean switch, a list, a body object.
    expect(option('jobs publish', '--job-id').flags).toBe('--job-id <id>');
    expect(option('jobs list', '--status').argChoices).toEqual([
      'DRAFT',
      'OPEN',
      'ONGOING',
      'COMPLETED',
      'ARCHIVED',
      'PENDING_APPROVAL',
    ]);
    expect(option('jobs search', '--pay-type').argChoices).toEqual(['PAY_PER_LABEL', 'PAY_PER_HOUR', 'FIXED_PRICE']);
    expect(option('credits ledger', '--limit').flags).toBe('--limit <number>');
    expect(option('messages read', '--unread-only').flags).toBe('--unread-only');
    expect(option('webhooks create', '--event-types').flags).toBe('--event-types <values>');
    expect(option('proposals hire', '--milestone').flags).toBe('--milestone <json>');
    expect(option('proposals hire', '--milestone-amount').flags).toBe('--milestone-amount <number>');
    expect(option('proposals hire', '--confirm-not-fit-override').flags).toBe('--confirm-not-fit-override');
    expect(option('freelancers get', '--id-or-slug').flags).toBe('--id-or-slug <id>');
    expect(option('credits top-up create', '--amount-usd').flags).toBe('--amount-usd <number>');
  });

  it('has the documented auth flags and their aliases', () => {
    expect(option('auth register', '--agent-name').flags).toBe('--agent-name <name>');
    expect(option('auth register', '--name').hidden).toBe(true);
    expect(option('auth register', '--org-name').flags).toBe('--org-name <name>');
    expect(option('auth register', '--organization-name').hidden).toBe(true);
    expect(option('auth register', '--force').flags).toBe('--force');
    expect(option('auth claim', '--email').flags).toBe('--email <email>');
    expect(option('auth claim', '--claim-token').flags).toBe('--claim-token <text>');
    expect(option('auth claim-status', '--wait').flags).toBe('--wait');
    expect(option('auth claim-status', '--timeout').defaultValue).toBe(1800);
    expect(option('auth claim-status', '--claim-token').flags).toBe('--claim-token <token>');
    expect(option('jobs draft create', '--description-file').flags).toBe('--description-file <path>');
    expect(option('jobs draft create', '--idempotency-key').flags).toBe('--idempotency-key <text>');
    expect(option('jobs draft create', '--external-id').flags).toBe('--external-id <id>');
    expect(option('jobs draft update', '--set').flags).toBe('--set <key=value>');
    expect(option('jobs update', '--set').flags).toBe('--set <key=value>');
  });

  it('offers --wait, --timeout and --interval on the money-moving commands only', () => {
    const waiting = [...byPath].filter(([, command]) => command.options.some((flag) => flag.long === '--interval'));
    expect(waiting.map(([path]) => path).sort()).toEqual([
      'contracts end',
      'milestones approve',
      'milestones fund',
      'proposals hire',
    ]);
  });

  it('offers --all on the paginated lists', () => {
    const paged = [...byPath].filter(([, command]) => command.options.some((flag) => flag.long === '--all'));
    expect(paged.map(([path]) => path).sort()).toEqual([
      'credits ledger',
      'jobs list',
      'jobs search',
      'messages read',
      'proposals list',
      'updates poll',
    ]);
  });
});

describe('help and version', () => {
  it('prints the version with --version and version, and help with no arguments', async () => {
    const world = await cliWorld();
    const flag = await world.run(['--version']);
    const word = await world.run(['version']);
    expect([flag.code, flag.stdout]).toEqual([0, '0.0.0\n']);
    expect([word.code, word.stdout]).toEqual([0, '0.0.0\n']);

    const bare = await world.run([]);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toContain('Usage: opentrain');
    expect(bare.stdout).toContain('whoami');
  });

  it('shows the help of a nested command and the exit-code topic', async () => {
    const world = await cliWorld();
    const nested = await world.run(['help', 'jobs', 'draft', 'create']);
    expect(nested.code).toBe(0);
    expect(nested.stdout).toContain('Usage: opentrain jobs draft create');
    expect(nested.stdout).toContain('--description-file <path>');

    const codes = await world.run(['help', 'exit-codes']);
    expect(codes.code).toBe(0);
    expect(codes.stdout).toMatch(/4 +Authentication needed/);
    expect(codes.stdout).toMatch(/8 +Pending a human/);

    // --set says what each key takes, read from the operation's schema.
    const set = await world.run(['help', 'jobs', 'draft', 'update']);
    expect(set.stdout).toContain('Values of --set (a list is comma-separated; repeating its key adds to it):');
    expect(set.stdout).toMatch(/^ {2}headcount +an integer of at least 1$/m);
    expect(set.stdout).toMatch(/^ {2}paymentType +one of: PAY_PER_LABEL, PAY_PER_HOUR, FIXED_PRICE$/m);
    expect(set.stdout).toMatch(/^ {2}languages +a comma-separated list of values$/m);

    const unknown = await world.run(['help', 'nothing']);
    expect([unknown.code, unknown.stderr]).toEqual([2, "Usage error: unknown command or help topic 'nothing'\n"]);
  });

  it('treats an unknown command or a group without its command as a usage error', async () => {
    const world = await cliWorld();
    const unknown = await world.run(['jobz']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Usage error: unknown command 'jobz'");

    const group = await world.run(['jobs']);
    expect(group.code).toBe(2);
    expect(group.stderr).toContain('Usage: opentrain jobs');
    expect(group.stderr).toContain('Usage error: choose one of the commands listed above.');
  });
});
