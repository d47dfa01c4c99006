// Compares our OpenAPI document with the served one: operations, request and response fields (following $refs),
// field types, required flags and enum values. Pure: documents in, a list of changes out.
import {
  isObject,
  type Json,
  jsonMediaType,
  listOperations,
  lookupPointer,
  type OperationRef,
  operationParameters,
  resolveRef,
} from '../generate/openapi.js';

/** An operation that only one side has. "added" = only in the served document, "removed" = only in ours. */
export interface OperationPresenceChange {
  kind: 'operation-added' | 'operation-removed';
  operation: string;
}

/** A difference inside an operation both sides have; the same "added"/"removed" point of view. */
export type OperationDetailChange =
  | { kind: 'operation-id-changed'; operation: string; before: string; after: string }
  | { kind: 'location-added' | 'location-removed'; operation: string; location: string }
  | { kind: 'field-added' | 'field-removed'; operation: string; location: string; field: string; type: string }
  | { kind: 'field-retyped'; operation: string; location: string; field: string; before: string; after: string }
  | { kind: 'field-required-changed'; operation: string; location: string; field: string; required: boolean }
  | {
      kind: 'enum-values-added' | 'enum-values-removed';
      operation: string;
      location: string;
      field: string;
      values: string[];
    };

export type SpecChange = OperationPresenceChange | OperationDetailChange;

const isPresenceChange = (change: SpecChange): change is OperationPresenceChange =>
  change.kind === 'operation-added' || change.kind === 'operation-removed';

interface FieldFacts {
  type: string;
  required: boolean;
  enumValues: string[] | null;
}

type Fields = Map<string, FieldFacts>;

interface OperationShape {
  label: string;
  operationId: string | null;
  /** Location ("query parameters", "request body", "response 200") -> its fields. */
  locations: Map<string, Fields>;
}

const childPath = (parent: string, child: string) => (parent === '' ? child : `${parent}.${child}`);
const enumText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * The path part that the server URL adds in front of a path (`https://host/api/public/v1` -> `/api/public/v1`).
 * Servers declared on the operation or its path win over the document's, as in OpenAPI.
 */
function serverPrefix(...levels: Json[]): string {
  const servers = levels.map((level) => level.servers).find((list) => Array.isArray(list) && list.length > 0);
  const server = Array.isArray(servers) ? servers[0] : undefined;
  if (!isObject(server) || typeof server.url !== 'string') return '';
  try {
    return new URL(server.url, 'https://placeholder.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** Method and full path with parameter names blanked, so `{id}` and `{jobId}` match. */
const operationKey = (method: string, fullPath: string) =>
  `${method.toUpperCase()} ${fullPath.replace(/\{[^}]+\}/g, '{}')}`;

class FieldCollector {
  readonly fields: Fields = new Map();

  constructor(private readonly doc: Json) {}

  add(schema: unknown, path: string, required: boolean, refStack: readonly string[] = []): void {
    if (isObject(schema) && typeof schema.$ref === 'string') {
      const ref = schema.$ref;
      if (refStack.includes(ref)) {
        this.record(path, { type: `recursive ${ref.split('/').pop()}`, required, enumValues: null });
        return;
      }
      this.add(lookupPointer(this.doc, ref), path, required, [...refStack, ref]);
      return;
    }
    this.record(path, {
      type: this.describe(schema, refStack),
      required,
      enumValues: this.enumValues(schema, refStack),
    });
    this.addChildren(schema, path, refStack);
  }

  /** Properties, items and map values of a schema; members of allOf/oneOf/anyOf add theirs to the same field. */
  private addChildren(node: unknown, path: string, stack: readonly string[]): void {
    if (!isObject(node)) return;
    for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
      const members = node[key];
      if (!Array.isArray(members)) continue;
      for (const member of members) {
        if (isObject(member) && typeof member.$ref === 'string' && stack.includes(member.$ref)) continue;
        const resolved = this.resolve(member, stack);
        this.addChildren(resolved.node, path, resolved.stack);
      }
    }
    const required = Array.isArray(node.required) ? node.required : [];
    if (isObject(node.properties)) {
      for (const [name, property] of Object.entries(node.properties)) {
        this.add(property, childPath(path, name), required.includes(name), stack);
      }
    }
    if (node.items !== undefined && !Array.isArray(node.items)) this.add(node.items, `${path}[]`, true, stack);
    if (isObject(node.additionalProperties)) this.add(node.additionalProperties, childPath(path, '*'), false, stack);
  }

  private resolve(schema: unknown, stack: readonly string[]): { node: unknown; stack: readonly string[] } {
    if (isObject(schema) && typeof schema.$ref === 'string') {
      return { node: lookupPointer(this.doc, schema.$ref), stack: [...stack, schema.$ref] };
    }
    return { node: schema, stack };
  }

  /** A short type text such as `string(date-time)`, `integer|null` or `string enum`. */
  private describe(schema: unknown, stack: readonly string[]): string {
    const types = new Set<string>();
    const visit = (raw: unknown, seen: readonly string[]) => {
      if (isObject(raw) && typeof raw.$ref === 'string' && seen.includes(raw.$ref)) return;
      const { node, stack: nextStack } = this.resolve(raw, seen);
      if (!isObject(node)) return;
      const declared = Array.isArray(node.type) ? node.type : typeof node.type === 'string' ? [node.type] : [];
      for (const type of declared) {
        types.add(typeof node.format === 'string' && type !== 'null' ? `${type}(${node.format})` : String(type));
      }
      if (node.nullable === true) types.add('null');
      if (declared.length === 0) {
        if (node.properties !== undefined) types.add('object');
        if (node.items !== undefined) types.add('array');
        for (const value of Array.isArray(node.enum) ? node.enum : 'const' in node ? [node.const] : []) {
          types.add(value === null ? 'null' : typeof value);
        }
      }
      for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
        if (Array.isArray(node[key])) for (const member of node[key]) visit(member, nextStack);
      }
    };
    visit(schema, stack);
    const text = types.size === 0 ? 'any' : [...types].sort().join('|');
    return this.enumValues(schema, stack) ? `${text} enum` : text;
  }

  private enumValues(schema: unknown, stack: readonly string[]): string[] | null {
    const values = new Set<string>();
    let constrained = false;
    const visit = (raw: unknown, seen: readonly string[]) => {
      if (isObject(raw) && typeof raw.$ref === 'string' && seen.includes(raw.$ref)) return;
      const { node, stack: nextStack } = this.resolve(raw, seen);
      if (!isObject(node)) return;
      if (Array.isArray(node.enum)) {
        constrained = true;
        for (const value of node.enum) if (value !== null) values.add(enumText(value));
      }
      for (const key of ['oneOf', 'anyOf'] as const) {
        if (Array.isArray(node[key])) for (const member of node[key]) visit(member, nextStack);
      }
    };
    visit(schema, stack);
    return constrained ? [...values].sort() : null;
  }

  private record(path: string, facts: FieldFacts): void {
    const existing = this.fields.get(path);
    if (!existing) {
      this.fields.set(path, facts);
      return;
    }
    // The same field seen through several allOf/oneOf members: keep the widest description.
    if (existing.type !== facts.type && facts.type !== 'any') {
      const merged = new Set([...existing.type.split('|'), ...facts.type.split('|')].filter((type) => type !== 'any'));
      existing.type = [...merged].sort().join('|');
    }
    existing.required ||= facts.required;
    if (facts.enumValues) {
      existing.enumValues = [...new Set([...(existing.enumValues ?? []), ...facts.enumValues])].sort();
    }
  }
}

function schemaFields(doc: Json, schema: unknown): Fields {
  const collector = new FieldCollector(doc);
  collector.add(schema, '', true);
  return collector.fields;
}

function jsonSchemaOf(doc: Json, holder: unknown): unknown {
  const resolved = resolveRef(doc, holder);
  if (!isObject(resolved)) return undefined;
  const type = jsonMediaType(resolved.content);
  const media = type && isObject(resolved.content) ? resolved.content[type] : undefined;
  return isObject(media) ? media.schema : undefined;
}

function operationShape(doc: Json, ref: OperationRef, fullPath: string): OperationShape {
  const operationId = typeof ref.operation.operationId === 'string' ? ref.operation.operationId : null;
  const label = `${ref.method.toUpperCase()} ${fullPath}${operationId ? ` (${operationId})` : ''}`;
  const locations = new Map<string, Fields>();
  for (const parameter of operationParameters(doc, ref)) {
    const location = `${parameter.in} parameters`;
    const fields = locations.get(location) ?? new Map();
    const collector = new FieldCollector(doc);
    collector.add(parameter.schema ?? {}, parameter.name, parameter.required);
    for (const [field, facts] of collector.fields) fields.set(field, facts);
    locations.set(location, fields);
  }
  if (ref.operation.requestBody !== undefined) {
    const schema = jsonSchemaOf(doc, ref.operation.requestBody);
    locations.set('request body', schema === undefined ? new Map() : schemaFields(doc, schema));
  }
  for (const [status, response] of Object.entries(isObject(ref.operation.responses) ? ref.operation.responses : {})) {
    const schema = jsonSchemaOf(doc, response);
    locations.set(`response ${status}`, schema === undefined ? new Map() : schemaFields(doc, schema));
  }
  return { label, operationId, locations };
}

function operationShapes(doc: Json): Map<string, OperationShape> {
  const shapes = new Map<string, OperationShape>();
  for (const ref of listOperations(doc)) {
    const prefix = serverPrefix(ref.operation, ref.pathItem, doc);
    const fullPath = ref.path.startsWith(`${prefix}/`) ? ref.path : `${prefix}${ref.path}`;
    shapes.set(operationKey(ref.method, fullPath), operationShape(doc, ref, fullPath));
  }
  return shapes;
}

const isInside = (field: string, parent: string) =>
  parent === '' ? field !== '' : field.startsWith(`${parent}.`) || field.startsWith(`${parent}[]`);

/** Drops fields whose parent is added (or removed) too: the parent's line already says it. */
function outermost(fields: string[]): string[] {
  return fields.filter((field) => !fields.some((other) => other !== field && isInside(field, other)));
}

function diffFields(operation: string, location: string, ours: Fields, served: Fields): SpecChange[] {
  const changes: SpecChange[] = [];
  const added = outermost([...served.keys()].filter((field) => !ours.has(field)));
  const removed = outermost([...ours.keys()].filter((field) => !served.has(field)));
  for (const field of added) {
    changes.push({ kind: 'field-added', operation, location, field, type: (served.get(field) as FieldFacts).type });
  }
  for (const field of removed) {
    changes.push({ kind: 'field-removed', operation, location, field, type: (ours.get(field) as FieldFacts).type });
  }
  for (const [field, before] of ours) {
    const after = served.get(field);
    if (!after) continue;
    if (before.type !== after.type) {
      changes.push({ kind: 'field-retyped', operation, location, field, before: before.type, after: after.type });
    }
    if (before.required !== after.required) {
      changes.push({ kind: 'field-required-changed', operation, location, field, required: after.required });
    }
    if (before.enumValues && after.enumValues) {
      const gained = after.enumValues.filter((value) => !before.enumValues?.includes(value));
      const lost = before.enumValues.filter((value) => !after.enumValues?.includes(value));
      if (gained.length) changes.push({ kind: 'enum-values-added', operation, location, field, values: gained });
      if (lost.length) changes.push({ kind: 'enum-values-removed', operation, location, field, values: lost });
    }
  }
  return changes;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every difference between our document and the served one, operation by operation. */
export function diffSpecs(ours: Json, served: Json): SpecChange[] {
  const ourShapes = operationShapes(ours);
  const servedShapes = operationShapes(served);
  const changes: SpecChange[] = [];
  const keys = [...new Set([...ourShapes.keys(), ...servedShapes.keys()])].sort(
    (a, b) => compareText(a.slice(a.indexOf(' ')), b.slice(b.indexOf(' '))) || compareText(a, b),
  );
  for (const key of keys) {
    const mine = ourShapes.get(key);
    const theirs = servedShapes.get(key);
    if (!mine) {
      changes.push({ kind: 'operation-added', operation: (theirs as OperationShape).label });
      continue;
    }
    if (!theirs) {
      changes.push({ kind: 'operation-removed', operation: mine.label });
      continue;
    }
    const operation = mine.label;
    if (mine.operationId && theirs.operationId && mine.operationId !== theirs.operationId) {
      changes.push({ kind: 'operation-id-changed', operation, before: mine.operationId, after: theirs.operationId });
    }
    for (const location of [...new Set([...mine.locations.keys(), ...theirs.locations.keys()])].sort()) {
      const ourFields = mine.locations.get(location);
      const servedFields = theirs.locations.get(location);
      if (!ourFields) changes.push({ kind: 'location-added', operation, location });
      else if (!servedFields) changes.push({ kind: 'location-removed', operation, location });
      else changes.push(...diffFields(operation, location, ourFields, servedFields));
    }
  }
  return changes;
}

/** Where the change is (null for the operation itself) and what it is, without the place. */
function describeChange(change: OperationDetailChange): { location: string | null; text: string } {
  if (change.kind === 'operation-id-changed') {
    return { location: null, text: `operationId ${change.before} -> ${change.after}` };
  }
  const field = 'field' in change ? `field ${change.field === '' ? '(body)' : change.field}` : '';
  const text = (() => {
    switch (change.kind) {
      case 'location-added':
        return 'only in the served spec';
      case 'location-removed':
        return 'missing from the served spec';
      case 'field-added':
        return `${field} added (${change.type})`;
      case 'field-removed':
        return `${field} removed (was ${change.type})`;
      case 'field-retyped':
        return `${field} retyped ${change.before} -> ${change.after}`;
      case 'field-required-changed':
        return `${field} is now ${change.required ? 'required' : 'optional'}`;
      case 'enum-values-added':
        return `${field} enum values added: ${change.values.join(', ')}`;
      case 'enum-values-removed':
        return `${field} enum values removed: ${change.values.join(', ')}`;
    }
  })();
  return { location: change.location, text };
}

/** `response 401`, `response 403` -> `responses 401, 403`; other places are listed as they are. */
function joinLocations(locations: string[]): string {
  if (locations.length > 1 && locations.every((location) => location.startsWith('response '))) {
    return `responses ${locations.map((location) => location.slice('response '.length)).join(', ')}`;
  }
  return locations.join(', ');
}

/**
 * A readable report: one block per operation, `+` only served, `-` only ours, `~` changed. The same change in
 * several responses of an operation (a shared error schema, say) is one line.
 */
export function formatChanges(title: string, changes: SpecChange[]): string {
  if (changes.length === 0) return `${title}: no differences`;
  // Each block is an operation line, followed (for changed operations) by its details: text -> locations.
  const blocks: { heading: string; details: Map<string, string[]> }[] = [];
  const detailsOf = new Map<string, Map<string, string[]>>();
  for (const change of changes) {
    if (isPresenceChange(change)) {
      const added = change.kind === 'operation-added';
      const heading = `  ${added ? '+' : '-'} ${change.operation}: operation ${added ? 'only in' : 'missing from'} the served spec`;
      blocks.push({ heading, details: new Map() });
      continue;
    }
    let details = detailsOf.get(change.operation);
    if (!details) {
      details = new Map();
      detailsOf.set(change.operation, details);
      blocks.push({ heading: `  ~ ${change.operation}`, details });
    }
    const { location, text } = describeChange(change);
    const locations = details.get(text) ?? [];
    if (location) locations.push(location);
    details.set(text, locations);
  }
  const lines = [`${title}: ${changes.length} difference${changes.length === 1 ? '' : 's'}`];
  for (const { heading, details } of blocks) {
    lines.push(heading);
    for (const [text, locations] of details) {
      lines.push(`      ${locations.length ? `${joinLocations(locations)}: ` : ''}${text}`);
    }
  }
  return lines.join('\n');
}
