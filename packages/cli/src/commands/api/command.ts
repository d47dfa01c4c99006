import {
  APIError,
  isPendingApproval,
  type OpenTrain,
  type OpenTrainPartner,
  type OperationParams,
  type Paginator,
  type RequestOptions,
} from '@opentrain-ai/sdk';
import type { OperationInfo } from '@opentrain-ai/sdk/operations';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { ExitWith, UsageError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { withFlagErrors } from '../../flags/flag-errors.js';
import { type CliContext, readTextSource, writeLine } from '../../io.js';
import { printJson, printLines } from '../../output/print.js';
import { PARTNER_TOKEN_HINT, reportApiError } from '../../report.js';
import { openPartnerSession, openSession, resolvedBaseUrl } from '../../session.js';
import { type PendingAnswer, pendingLines } from '../approval.js';
import { addGlobalOptions, type GlobalOptions, globalsOf } from '../global-options.js';
import { inputsOf } from '../operation-command.js';
import { saveSigningSecret, signingSecretIn } from '../webhooks/secret.js';
import { type FieldArg, fieldsObject, type ReadSource, typedQuery } from './fields.js';
import { findOperation, isAbsoluteUrl, parseTarget } from './target.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

const EXAMPLES = `
Examples:
  opentrain api /api/public/v1/jobs/facets
  opentrain api jobs/changes -X GET -f since=2026-06-01T00:00:00Z
  opentrain api /api/public/v1/proposals/<id>/interview
  opentrain api -X POST /api/public/v1/tokens -f name=ci -f 'scopes[]=jobs:read'
  opentrain api /api/public/v1/jobs/<id>/proposals -F limit=50 --paginate
  echo '{"name":"ci"}' | opentrain api /api/public/v1/tokens --input -
  OPENTRAIN_PARTNER_TOKEN=ot_ptk_… opentrain api /api/partner/v1/installs/current

A path without a leading slash is under /api/public/v1. Fields go to the query string of a GET or DELETE (and when
--input gives the body), to the JSON body otherwise. The Platform API (/api/partner/v1) takes its token from
OPENTRAIN_PARTNER_TOKEN or OT_PARTNER_TOKEN.
`;

interface ApiFlags {
  method?: string;
  input?: string;
  header?: Record<string, string>;
  paginate?: boolean;
  include?: boolean;
}

type Client = OpenTrain | OpenTrainPartner;

function parseMethod(raw: string): string {
  const method = raw.trim().toUpperCase();
  if (!METHODS.includes(method)) throw new InvalidArgumentError(`Expected one of: ${METHODS.join(', ')}.`);
  return method;
}

function parseHeader(raw: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = raw.indexOf(':');
  const name = raw.slice(0, Math.max(at, 0)).trim();
  if (at <= 0 || !/^[\w!#$%&'*+.^`|~-]+$/.test(name)) {
    throw new InvalidArgumentError("Expected 'Name: value', e.g. -H 'X-Trace: 1'.");
  }
  // A token typed on the command line ends up in shell history; the CLI only takes tokens from the environment.
  if (name.toLowerCase() === 'authorization') {
    throw new InvalidArgumentError(
      'The token is never given on the command line: set OPENTRAIN_API_TOKEN (or OPENTRAIN_PARTNER_TOKEN for the ' +
        "Platform API), or run 'opentrain auth login'.",
    );
  }
  return { ...previous, [name]: raw.slice(at + 1).trim() };
}

/** Files for `--input` and `@file` fields; standard input (`-`) can be read once only. */
function sourceReader(ctx: CliContext): ReadSource {
  let stdinTaken = false;
  return async (path, label) => {
    if (path === '-') {
      if (stdinTaken) throw new UsageError('standard input can be read only once (by --input - or one @- field)');
      stdinTaken = true;
      return ctx.readStdin();
    }
    return readTextSource(ctx, path, label);
  };
}

async function readInput(source: string, read: ReadSource): Promise<unknown> {
  const name = source === '-' ? 'standard input' : source;
  const text = await read(source, '--input');
  if (text.trim() === '') throw new UsageError(`--input: ${name} is empty; expected a JSON request body`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--input: ${name} is not valid JSON (${(error as Error).message})`);
  }
}

/** The status line and headers of an answer, on stderr, so stdout stays the body. */
function printHead(ctx: CliContext, status: number, statusText: string, headers: Headers): void {
  writeLine(ctx.stderr, `HTTP ${status}${statusText ? ` ${statusText}` : ''}`);
  headers.forEach((value, name) => {
    writeLine(ctx.stderr, `${name}: ${value}`);
  });
  writeLine(ctx.stderr);
}

/** The client of the operation's API; a Platform API call without a platform token stops here (exit 4). */
async function clientFor(ctx: CliContext, globals: GlobalOptions, row: OperationInfo): Promise<Client> {
  if (row.api === 'public') return (await openSession(ctx, globals)).client;
  const { client, hasToken } = await openPartnerSession(ctx, globals);
  if (!hasToken && !row.tokenless) {
    throw new ExitWith(
      ExitCode.authNeeded,
      `Authentication needed: ${row.method} ${row.path} is a Platform API call and needs an ot_ptk_… platform ` +
        `token. ${PARTNER_TOKEN_HINT}`,
    );
  }
  return client;
}

/** Every item of every page as one line of JSON, each page fetched after the previous one was printed. */
async function printPages(ctx: CliContext, paginator: Paginator<unknown, unknown>, include?: boolean): Promise<void> {
  for await (const page of paginator.pages()) {
    if (include) printHead(ctx, page.response.status, page.response.statusText, page.response.headers);
    for (const item of page.items) writeLine(ctx.stdout, JSON.stringify(item));
  }
}

/**
 * A webhook created through `api` (`POST /webhooks`, `POST /api/partner/v1/webhook-endpoints`) answers with its
 * signing secret, once; it is masked in the printed body like every secret, so it is saved to a file first.
 */
async function keepSigningSecret(ctx: CliContext, row: OperationInfo, data: unknown): Promise<void> {
  const found = row.method === 'POST' ? signingSecretIn(data) : undefined;
  if (!found) return;
  const recover = `run opentrain api -X DELETE ${row.path}/${found.webhookId}`;
  const file = await saveSigningSecret(ctx, found, recover);
  writeLine(ctx.stderr, `Signing secret saved to ${file} (the API shows it only once).`);
}

/** Calls the operation and prints the answer: the body as JSON, a pending approval with exit 8. */
async function call(ctx: CliContext, client: Client, row: OperationInfo, params: OperationParams, flags: ApiFlags) {
  const options: RequestOptions = { headers: flags.header };
  try {
    if (flags.paginate) return await printPages(ctx, client.paginate(row, params, options), flags.include);
    const { data, response } = await client.request(row, params, options).withResponse();
    if (flags.include) printHead(ctx, response.status, response.statusText, response.headers);
    await keepSigningSecret(ctx, row, data);
    if (data !== undefined) printJson(ctx.stdout, data);
    if (row.approval && isPendingApproval(data)) {
      printLines(ctx.stderr, pendingLines(data as PendingAnswer));
      throw new ExitWith(ExitCode.pending);
    }
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    if (flags.include) printHead(ctx, error.status, '', error.headers);
    if (row.api === 'partner') throw new ExitWith(reportApiError(ctx, error, 'partner'));
    throw error;
  }
}

/**
 * `opentrain api <path>`: any operation of the Public or Platform API by its path, in the style of `gh api`. The path
 * is matched against the operation table and the call goes through the SDK like every other command, so the token,
 * retries, idempotency keys, request checks and errors are the same.
 */
export function apiCommand(program: Command, ctx: CliContext): Command {
  // -f and -F share one list so that fields keep the order they were typed in, whichever flag carried them.
  const fields: FieldArg[] = [];
  const collect = (typed: boolean) => (raw: string) => {
    fields.push({ raw, typed });
    return fields;
  };
  const command = program
    .command('api')
    .description('Call any API operation by its path and print the response body as JSON')
    .argument('<path>', 'An API path such as /api/public/v1/jobs/facets, or a full URL on the base URL')
    .addOption(
      new Option(
        '-X, --method <method>',
        'The HTTP method (default: GET, or POST when fields or --input are given)',
      ).argParser(parseMethod),
    )
    .addOption(
      new Option(
        '-f, --raw-field <key=value>',
        'A field sent as text; repeatable. Nested: a[b]=1 or a.b=1; lists: a[]=1',
      ).argParser(collect(false)),
    )
    .addOption(
      new Option(
        '-F, --field <key=value>',
        'A typed field: true, false, null and numbers as JSON, @file as the text of a file (@- standard input); repeatable',
      ).argParser(collect(true)),
    )
    .option('--input <file>', 'The request body: JSON from a file (- for standard input); fields then go to the query')
    .addOption(new Option('-H, --header <header>', "A request header 'Name: value'; repeatable").argParser(parseHeader))
    .option('--paginate', 'Fetch every page of a paginated list and print one JSON item per line')
    .option('-i, --include', 'Print the HTTP status line and response headers to stderr before the body')
    .addHelpText('after', EXAMPLES);
  addGlobalOptions(command);

  command.action((rawPath: string, flags: ApiFlags) =>
    withFlagErrors([], async () => {
      const globals = globalsOf(command);
      const target = parseTarget(rawPath, isAbsoluteUrl(rawPath) ? await resolvedBaseUrl(ctx, globals) : undefined);
      const hasInput = flags.input !== undefined;
      const method = flags.method ?? ((fields.length > 0 || hasInput) && !flags.paginate ? 'POST' : 'GET');
      const { row, path } = findOperation(method, target.pathname);
      // gh's rule: fields go to the query string of a GET or DELETE, and when --input gives the body.
      const fieldsInQuery = hasInput || method === 'GET' || method === 'DELETE';
      if (!row.body && (hasInput || (!fieldsInQuery && fields.length > 0))) {
        throw new UsageError(
          `${method} ${row.path} takes no request body; put query parameters in the path (?name=value)`,
        );
      }
      if (flags.paginate && !row.pagination) {
        throw new UsageError(`--paginate: ${method} ${row.path} is not a paginated list; drop --paginate`);
      }

      const read = sourceReader(ctx);
      const given = await fieldsObject(fields, read);
      const body = flags.input !== undefined ? await readInput(flags.input, read) : fieldsInQuery ? undefined : given;
      const query = typedQuery({ ...target.query, ...(fieldsInQuery ? given : {}) }, inputsOf(row).fields);
      const params: OperationParams = body === undefined ? { path, query } : { path, query, body };
      await call(ctx, await clientFor(ctx, globals, row), row, params, flags);
    }),
  );
  return command;
}
