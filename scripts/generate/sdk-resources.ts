// Renders packages/sdk/src/generated/resources.ts: for each API, one class per x-opentrain-sdk namespace with one
// thin typed method per operation, and a client base that holds every namespace of that API.
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
  /** The generated class, e.g. `PartnerProjectLinksResource`. */
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

const propertyKey = (key: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key));

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

/** Which of the imported type helpers and classes the file uses, so the imports list only those. */
interface Uses {
  query: boolean;
  body: boolean;
  paginator: boolean;
  promise: boolean;
}

function renderMethod(row: OperationInfo, uses: Uses): string {
  const id = `'${row.operationId}'`;
  const method = row.sdk.split('.')[1] as string;
  const hasQuery = row.queryParams.length > 0;
  const queryRequired = row.requiredQueryParams.length > 0;
  const hasBody = row.body !== null;
  const queryInOptions = hasBody && hasQuery;

  const parameters: string[] = [];
  const path = row.pathParams.map((name) => {
    const parameter = parameterName(row, name);
    parameters.push(`${parameter}: string`);
    return propertyKey(name) === parameter ? parameter : `${propertyKey(name)}: ${parameter}`;
  });
  // A required options object (query required alongside a body) forces the body before it to be required too.
  const optionsRequired = queryInOptions && queryRequired;
  if (hasBody) {
    uses.body = true;
    const required = row.body?.required || optionsRequired;
    parameters.push(
      required && !row.body?.required ? `body: BodyOf<${id}> | undefined` : `body${required ? '' : '?'}: BodyOf<${id}>`,
    );
  }
  if (hasQuery) uses.query = true;
  if (hasQuery && !queryInOptions) parameters.push(`query${queryRequired ? '' : '?'}: QueryOf<${id}>`);
  parameters.push(
    queryInOptions
      ? `options${optionsRequired ? '' : '?'}: RequestOptions & { query${queryRequired ? '' : '?'}: QueryOf<${id}> }`
      : 'options?: RequestOptions',
  );

  const params = [
    ...(path.length > 0 ? [`path: { ${path.join(', ')} }`] : []),
    ...(hasBody ? ['body'] : []),
    ...(hasQuery ? ['query'] : []),
  ];
  const paramsArgument = params.length > 0 ? `{ ${params.join(', ')} }` : '{}';
  const optionsArgument = queryInOptions ? 'requestOptions' : 'options';
  const prelude = queryInOptions ? `    const { query, ...requestOptions } = options ?? {};\n` : '';

  let returns: string;
  let call: string;
  if (row.pagination) {
    uses.paginator = true;
    const typeArguments = `ItemOf<${id}>, SuccessOf<${id}>`;
    returns = `Paginator<${typeArguments}>`;
    call = `this.transport.paginate<${typeArguments}>`;
  } else {
    uses.promise = true;
    returns = `APIPromise<SuccessOf<${id}>>`;
    call = `this.transport.request<SuccessOf<${id}>>`;
  }
  return `${methodDoc(row)}
  ${method}(${parameters.join(', ')}): ${returns} {
${prelude}    return ${call}(routes.${routeName(row)}, ${paramsArgument}, ${optionsArgument});
  }`;
}

function renderNamespace(namespace: Namespace, uses: Uses): string {
  const methods = namespace.rows.map((row) => renderMethod(row, uses));
  return `/** The \`${namespace.name}\` namespace of the ${API_LABEL[namespace.api].title}. */
export class ${namespace.className} extends APIResource {
${methods.join('\n\n')}
}`;
}

function renderClientBase(api: ApiName, namespaces: readonly Namespace[]): string {
  const fields = namespaces
    .filter((namespace) => namespace.api === api)
    .map(
      (namespace) =>
        `  readonly ${namespace.name}: ${namespace.className} = new ${namespace.className}(this.transport);`,
    );
  return `/** Every namespace of the ${API_LABEL[api].title}; the client in client.ts adds hand-written behaviour on top. */
export abstract class ${clientBaseName(api)} extends BaseClient {
${fields.join('\n')}

  protected constructor(options: ClientOptions) {
    super('${api}', options);
  }
}`;
}

export function renderResources(header: string, rows: readonly OperationInfo[]): string {
  const namespaces = groupNamespaces(rows);
  const uses: Uses = { query: false, body: false, paginator: false, promise: false };
  const classes = namespaces.map((namespace) => renderNamespace(namespace, uses));
  const apis = API_ORDER.filter((api) => namespaces.some((namespace) => namespace.api === api));
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
    `import type { ${helpers.join(', ')} } from '../resources/operation-types.js';`,
    `import { APIResource } from '../resources/resource.js';`,
    `import * as routes from './operation-routes.js';`,
  ];
  return `${header}${imports.join('\n')}

${classes.join('\n\n')}

${bases.join('\n\n')}
`;
}
