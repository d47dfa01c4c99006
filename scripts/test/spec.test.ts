import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { collectExamples, validateExamples } from '../lib/spec-examples.js';

const load = (name: string) => parse(readFileSync(new URL(`../../spec/${name}`, import.meta.url), 'utf8'));
const specs = { public: load('public-v1.yaml'), partner: load('partner-v1.yaml') } as const;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

type Operation = Record<string, unknown> & { operationId: string };

function operationsOf(doc: { paths: Record<string, Record<string, Operation>> }) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );
}

function inferredNodesWithoutReason(node: unknown, at = '#'): string[] {
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own =
    record['x-opentrain-inferred'] === true && typeof record['x-opentrain-inferred-reason'] !== 'string' ? [at] : [];
  return own.concat(
    Object.entries(record).flatMap(([key, child]) => inferredNodesWithoutReason(child, `${at}/${key}`)),
  );
}

describe.each(Object.entries(specs))('spec/%s', (name, doc) => {
  const operations = operationsOf(doc);

  it('holds every documented operation', () => {
    expect(operations).toHaveLength(name === 'public' ? 49 : 15);
  });

  it('gives every operation the identity, gating and retry metadata the generators read', () => {
    for (const { key, op } of operations) {
      expect(op.operationId, key).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.summary, key).toBeTruthy();
      expect(op.description, key).toBeTruthy();
      expect(op.tags, key).toHaveLength(1);
      expect(op['x-opentrain-sdk'], key).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
      expect(typeof op['x-opentrain-idempotent'], key).toBe('boolean');
      const tokenless = Array.isArray(op.security) && op.security.length === 0;
      if (!tokenless) expect(Array.isArray(op['x-opentrain-scope']), key).toBe(true);
      if (!tokenless && name === 'public') expect(typeof op['x-opentrain-claim-required'], key).toBe('boolean');
    }
  });

  it('declares the webhook event types', () => {
    expect(Object.keys(doc.webhooks)).toHaveLength(8);
  });

  it('explains every inferred choice in one line', () => {
    expect(inferredNodesWithoutReason(doc)).toEqual([]);
  });

  it('validates every documented example against its schema (JSON Schema 2020-12, formats on)', () => {
    const { checked, failures } = validateExamples(doc);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });
});

describe('example validation', () => {
  it('rejects an example that breaks its schema', () => {
    const doc = structuredClone(specs.public);
    const approve = doc.paths['/api/public/v1/approvals/{approvalId}'].get.responses['200'];
    const media = approve.content['application/json'];
    const name = Object.keys(media.examples)[0] as string;
    media.examples[name].value.approval.status = 'approved-ish';
    const { failures } = validateExamples(doc);
    expect(failures.map((f) => f.where)).toEqual([expect.stringContaining('/approvals/{approvalId} 200')]);
  });

  it('finds request, response and webhook examples', () => {
    const wheres = collectExamples(specs.public).map((e) => e.where);
    expect(wheres.some((w) => w.includes(' request '))).toBe(true);
    expect(wheres.some((w) => w.startsWith('POST /api/public/v1/proposals/{proposalId}/hire 202'))).toBe(true);
    expect(wheres.some((w) => !w.includes('/api/'))).toBe(true);
  });
});

describe('the MCP tool and CLI names', () => {
  it('cover the 41 official tools, each once', () => {
    const tools = operationsOf(specs.public)
      .map(({ op }) => op['x-opentrain-mcp-tool'])
      .filter(Boolean);
    expect(tools).toHaveLength(41);
    expect(new Set(tools).size).toBe(41);
    for (const tool of tools) expect(tool).toMatch(/^opentrain_[a-z_]+$/);
  });
});
