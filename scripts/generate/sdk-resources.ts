// Renders packages/sdk/src/generated/resources.ts: for each API, one interface per x-opentrain-sdk namespace with the
// typed signature of each operation, a compact table from which the SDK builds the methods at runtime (so the
// bundle carries data, not 64 near-identical functions), and a client base that holds every namespace of that API.
import type { ApiName, OperationInfo } from './operation-table.js';
import { routeName } from './render.js';

const API_LABEL: Record<ApiName, { prefix: string; title: string }> = {
  public: { prefix: 'Public', title: 'Public API' },
  partner: { prefix: 'Partner', title: 'Platform API' },
};
const API_ORDER: readonly ApiName[] = ['public', 'partner'];

/** Parameter names a method uses for itself; a path parameter may not take one of them. */
const RESERVED_NAMES = new Set(['body', 'query', 'options', 'requestOptions']);

export interface Namespace {
  api: ApiName;
  /** The x-opentrain-sdk namespace, e.g. `projectLinks`. */
  name: string;
  /** The generated interface, e.g. `PartnerProjectLinksResource`. */
  className: string;
  /** Its operations, in table order. */
  rows: OperationInfo[];
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The client base class of one API, e.g. `PublicClientBase`. */
export const clientBaseName = (api: ApiName) => `${API_LABEL[api].prefix}ClientBase`;

/** Groups the rows by API and namespace (namespaces sorted by name) and refuses two operations on one method. */
export function groupNamespaces(rows: readonly OperationInfo[]): Namespace[] {
  const byKey = new Map<string, Namespace>();
  const methods = new Map<string, string>();
  for (const row of rows) {
    const [name, method] = row.sdk.split('.') as [string, string];
    const owner = methods.get(`${row.api}:${row.sdk}`);
    if (owner) {
      throw new Error(`${row.operationId} and ${owner} both use x-opentrain-sdk "${row.sdk}" in the ${row.api} API`);
    }
    methods.set(`${row.api}:${row.sdk}`, row.operationId);
    if (method === 'constructor') throw new Error(`${row.operationId}: "constructor" cannot be an SDK method name`);
    const key = `${row.api}:${name}`;
    let namespace = byKey.get(key);
    if (!namespace) {
      namespace = { api: row.api, name, className: `${API_LABEL[row.api].prefix}${pascal(name)}Resource`, rows: [] };
      byKey.set(key, namespace);
    }
    namespace.rows.push(row);
  }
  return [...byKey.values()].sort(
    (a, b) => API_ORDER.indexOf(a.api) - API_ORDER.indexOf(b.api) || a.name.localeCompare(b.name),
  );
}

/** A path parameter name as a TypeScript parameter name (`job-id` becomes `jobId`). */
function parameterName(row: OperationInfo, name: string): string {
  const identifier = name.replace(/[^A-Za-z0-9_$]+(.)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase());
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(identifier) || RESERVED_NAMES.has(identifier)) {
    throw new Error(`${row.operationId}: path parameter "${name}" cannot be used as a method parameter name`);
  }
  return identifier;
}

/** Keeps spec text from closing the comment early. */
const commentText = (text: string) => text.replaceAll('*/', '*\\/').trim();

const codeList = (items: readonly string[]) => items.map((item) => `\`${item}\``).join(', ');

function methodDoc(row: OperationInfo): string {
  const lines = [commentText(row.summary || row.operationId), ''];
  lines.push(`\`${row.method} ${row.path}\` (operationId \`${row.operationId}\`)`);
  const facts: string[] = [];
  if (row.tokenless) facts.push('Needs no token: sends no Authorization header.');
  if (row.scopes.length > 0) facts.push(`Scopes: ${codeList(row.scopes)}.`);
  else if (!row.tokenless && !row.scopesAnyOf) facts.push('Scopes: none beyond a valid token.');
  if (row.scopesAnyOf) facts.push(`Scopes: any one of ${codeList(row.scopesAnyOf)}.`);
  if (row.feature) facts.push(`Feature flag: \`${row.feature}\`.`);
  if (row.claimRequired) facts.push('Needs an account a human has claimed.');
  if (row.approval) {
    const dualMode = row.successStatuses.some((status) => status !== 202);
    facts.push(
      dualMode
        ? `May need a human approval (\`${row.approval}\`): answers 202 with a pending approval, or the result when ` +
            'none is needed; `isPendingApproval(result)` tells which.'
        : `Needs a human approval (\`${row.approval}\`): answers 202 with a pending approval; wait for the outcome ` +
            'with `approvals.wait(result.approval.id)`.',
    );
  }
  if (row.pagination) {
    facts.push(
      `Cursor-paginated: await it for the first page, or \`for await\` over every item of \`${row.pagination.items}\` ` +
        'across pages.',
    );
  }
  if (row.idempotencyKey) {
    facts.push(
      `Takes an idempotency key (\`${row.idempotencyKey.name}\` in the ${row.idempotencyKey.in}); one is generated ` +
        'when you pass none and reused on every retry.',
    );
  }
  if (facts.length > 0) lines.push('', ...facts.map((fact) => `- ${fact}`));
  return `  /**\n${lines.map((line) => (line ? `   * ${line}` : '   *')).join('\n')}\n   */`;
}

/** Which of the imported type helpers the file uses, so the imports list only those. */
interface Uses {
  query: boolean;
  body: boolean;
  paginator: boolean;
  promise: boolean;
}

/** How a method's arguments after the path parameters map onto the call (see `CallShape` in the SDK). */
function callShape(row: OperationInfo): 'none' | 'body' | 'query' | 'body+query' {
  const hasQuery = row.queryParams.length > 0;
  if (row.body !== null) return hasQuery ? 'body+query' : 'body';
  return hasQuery ? 'query' : 'none';
}

/** The typed signature of one method; the call itself is made by `createNamespaces` from the namespace table. */
function renderSignature(row: OperationInfo, uses: Uses): string {
  const id = `'${row.operationId}'`;
  const method = row.sdk.split('.')[1] as string;
  const shape = callShape(row);
  const queryRequired = row.requiredQueryParams.length > 0;
  const queryInOptions = shape === 'body+query';

  const parameters = row.pathParams.map((name) => `${parameterName(row, name)}: string`);
  // A required options object (query required alongside a body) forces the body before it to be required too.
  const optionsRequired = queryInOptions && queryRequired;
  if (row.body !== null) {
    uses.body = true;
    const required = row.body.required || optionsRequired;
    parameters.push(
      required && !row.body.required ? `body: BodyOf<${id}> | undefined` : `body${required ? '' : '?'}: BodyOf<${id}>`,
    );
  }
  if (shape !== 'none' && shape !== 'body') uses.query = true;
  if (shape === 'query') parameters.push(`query${queryRequired ? '' : '?'}: QueryOf<${id}>`);
  parameters.push(
    queryInOptions
      ? `options${optionsRequired ? '' : '?'}: RequestOptions & { query${queryRequired ? '' : '?'}: QueryOf<${id}> }`
      : 'options?: RequestOptions',
  );

  let returns: string;
  if (row.pagination) {
    uses.paginator = true;
    returns = `Paginator<ItemOf<${id}>, SuccessOf<${id}>>`;
  } else {
    uses.promise = true;
    returns = `APIPromise<SuccessOf<${id}>>`;
  }
  return `${methodDoc(row)}
  ${method}(${parameters.join(', ')}): ${returns};`;
}

function renderNamespace(namespace: Namespace, uses: Uses): string {
  const methods = namespace.rows.map((row) => renderSignature(row, uses));
  return `/** The \`${namespace.name}\` namespace of the ${API_LABEL[namespace.api].title}. */
export interface ${namespace.className} {
${methods.join('\n\n')}
}`;
}

const namespacesOf = (api: ApiName, namespaces: readonly Namespace[]) =>
  namespaces.filter((namespace) => namespace.api === api);

/** The runtime table of one API: namespace → method → [route, call shape]. */
function renderTable(api: ApiName, namespaces: readonly Namespace[]): string {
  const entries = namespacesOf(api, namespaces).map((namespace) => {
    const methods = namespace.rows.map((row) => {
      const shape = callShape(row);
      const call = shape === 'none' ? `[routes.${routeName(row)}]` : `[routes.${routeName(row)}, '${shape}']`;
      return `    ${row.sdk.split('.')[1]}: ${call},`;
    });
    return `  ${namespace.name}: {\n${methods.join('\n')}\n  },`;
  });
  return `/** How each method of the ${API_LABEL[api].title} calls its operation; \`createNamespaces\` builds the methods from it. */
export const ${api}NamespaceTable: NamespaceTable = {
${entries.join('\n')}
};`;
}

function renderClientBase(api: ApiName, namespaces: readonly Namespace[]): string {
  const fields = namespacesOf(api, namespaces).map(
    (namespace) => `  declare readonly ${namespace.name}: ${namespace.className};`,
  );
  return `/** Every namespace of the ${API_LABEL[api].title}; the client in client.ts adds hand-written behaviour on top. */
export abstract class ${clientBaseName(api)} extends BaseClient {
${fields.join('\n')}

  protected constructor(options: ClientOptions) {
    super('${api}', options);
    Object.assign(this, createNamespaces(this.transport, ${api}NamespaceTable));
  }
}`;
}

export function renderResources(header: string, rows: readonly OperationInfo[]): string {
  const namespaces = groupNamespaces(rows);
  const uses: Uses = { query: false, body: false, paginator: false, promise: false };
  const interfaces = namespaces.map((namespace) => renderNamespace(namespace, uses));
  const apis = API_ORDER.filter((api) => namespaces.some((namespace) => namespace.api === api));
  const tables = apis.map((api) => renderTable(api, namespaces));
  const bases = apis.map((api) => renderClientBase(api, namespaces));

  const helpers = [
    ...(uses.body ? ['BodyOf'] : []),
    ...(uses.paginator ? ['ItemOf'] : []),
    ...(uses.query ? ['QueryOf'] : []),
    'SuccessOf',
  ];
  const imports = [
    `import { BaseClient, type ClientOptions } from '../base-client.js';`,
    ...(uses.promise ? [`import type { APIPromise } from '../core/api-promise.js';`] : []),
    ...(uses.paginator ? [`import type { Paginator } from '../core/pagination.js';`] : []),
    `import type { RequestOptions } from '../core/transport.js';`,
    `import { createNamespaces, type NamespaceTable } from '../resources/namespace.js';`,
    `import type { ${helpers.join(', ')} } from '../resources/operation-types.js';`,
    `import * as routes from './operation-routes.js';`,
  ];
  return `${header}${imports.join('\n')}

${interfaces.join('\n\n')}

${tables.join('\n\n')}

${bases.join('\n\n')}
`;
}
