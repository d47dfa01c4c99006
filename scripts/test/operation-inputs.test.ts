import { describe, expect, it } from 'vitest';
import type { Json } from '../generate/openapi.js';
import { buildOperationInputs, inlineSchema, renderOperationInputs } from '../generate/operation-inputs.js';

const doc = (paths: Json, schemas: Json = {}): Json => ({ openapi: '3.1.0', paths, components: { schemas } });

const json = (schema: Json) => ({ content: { 'application/json': { schema } } });

describe('operation inputs', () => {
  it('lists path and query parameters, then the body fields, with descriptions and inlined schemas', () => {
    const inputs = buildOperationInputs(
      doc(
        {
          '/jobs/{jobId}/hire': {
            post: {
              operationId: 'hire',
              parameters: [
                { name: 'jobId', in: 'path', required: true, description: 'The job.', schema: { type: 'string' } },
                { name: 'dryRun', in: 'query', schema: { type: 'boolean' } },
                { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
              ],
              requestBody: { required: true, ...json({ $ref: '#/components/schemas/Hire' }) },
            },
          },
        },
        {
          Hire: {
            type: 'object',
            required: ['milestone'],
            'x-opentrain-inferred': true,
            properties: { milestone: { $ref: '#/components/schemas/Milestone' }, note: { type: 'string' } },
          },
          Milestone: {
            type: 'object',
            description: 'The first milestone.',
            example: { amount: 1 },
            properties: { amount: { type: 'number', minimum: 1 } },
          },
        },
      ),
    );
    const hire = inputs.get('hire');
    expect(hire?.fields).toEqual([
      { name: 'jobId', in: 'path', required: true, description: 'The job.', schema: { type: 'string' } },
      { name: 'dryRun', in: 'query', required: false, schema: { type: 'boolean' } },
      {
        name: 'milestone',
        in: 'body',
        required: true,
        description: 'The first milestone.',
        schema: {
          type: 'object',
          description: 'The first milestone.',
          properties: { amount: { type: 'number', minimum: 1 } },
        },
      },
      { name: 'note', in: 'body', required: false, schema: { type: 'string' } },
    ]);
    expect(hire?.body).toMatchObject({ required: true, contentType: 'application/json', flattened: 'object' });
  });

  it('merges the properties of a choice of objects, none required', () => {
    const inputs = buildOperationInputs(
      doc({
        '/drafts': {
          post: {
            operationId: 'draft',
            requestBody: json({
              oneOf: [
                {
                  type: 'object',
                  required: ['text'],
                  properties: { text: { type: 'string' }, key: { type: 'string' } },
                },
                { type: 'object', required: ['url'], properties: { url: { type: 'string' }, key: { type: 'string' } } },
              ],
            }),
          },
        },
      }),
    );
    expect(inputs.get('draft')?.fields.map((field) => [field.name, field.required])).toEqual([
      ['text', false],
      ['key', false],
      ['url', false],
    ]);
    expect(inputs.get('draft')?.body?.flattened).toBe('variants');
  });

  it('merges a field that the shapes define differently: string choices into one enum, others into anyOf', () => {
    const inputs = buildOperationInputs(
      doc({
        '/drafts': {
          post: {
            operationId: 'draft',
            requestBody: json({
              oneOf: [
                {
                  type: 'object',
                  properties: {
                    format: { type: 'string', const: 'text', description: 'Text only.' },
                    size: { type: 'integer' },
                  },
                },
                {
                  type: 'object',
                  properties: { format: { type: 'string', enum: ['xml', 'json'] }, size: { type: 'string' } },
                },
              ],
            }),
          },
        },
      }),
    );
    const [format, size] = inputs.get('draft')?.fields ?? [];
    // The text shape's description would mislead about the others, so it is dropped.
    expect(format).toEqual({
      name: 'format',
      in: 'body',
      required: false,
      schema: { type: 'string', enum: ['text', 'xml', 'json'] },
    });
    expect(size?.schema).toEqual({ anyOf: [{ type: 'integer' }, { type: 'string' }] });
  });

  it('refuses a body field named like a parameter, and a schema that refers to itself', () => {
    const clash = doc({
      '/jobs/{jobId}': {
        patch: {
          operationId: 'clash',
          parameters: [{ name: 'jobId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: json({ type: 'object', properties: { jobId: { type: 'string' } } }),
        },
      },
    });
    expect(() => buildOperationInputs(clash)).toThrow('PATCH /jobs/{jobId}: body field "jobId" has the name of a path');
    const recursive = doc(
      {},
      { Node: { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' } } } },
    );
    expect(() => inlineSchema(recursive, { $ref: '#/components/schemas/Node' })).toThrow('refers to itself');
  });
});

describe('renderOperationInputs', () => {
  it('writes an object that several operations share once, and refers to it', () => {
    const fields = {
      type: 'object',
      description: 'The fields a job update may set, long enough to be worth sharing between operations.',
      properties: { jobTitle: { type: 'string' }, headcount: { type: 'integer', minimum: 1 } },
    };
    const update = (id: string) => ({
      [`/${id}/{jobId}`]: {
        patch: {
          operationId: id,
          parameters: [{ name: 'jobId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: json(fields),
        },
      },
    });
    const source = renderOperationInputs(
      '',
      buildOperationInputs(doc({ ...update('updateDraft'), ...update('updateJob') })),
    );
    const declarations = source.match(/^const shared\d+ = /gm) ?? [];
    expect(declarations.length).toBeGreaterThan(0);
    // The shared schema is written once, and both operations are in the table.
    expect(source.split('long enough to be worth sharing')).toHaveLength(2);
    expect(source).toMatch(/^ {2}updateDraft: /m);
    expect(source).toMatch(/^ {2}updateJob: /m);
    // A const is declared before any const that uses it.
    const order = [...source.matchAll(/^const (shared\d+) = (.*)$/gm)];
    for (const [index, [, , body]] of order.entries()) {
      for (const [, later] of order.slice(index)) expect(body).not.toMatch(new RegExp(`\\b${later}\\b`));
    }
  });
});
