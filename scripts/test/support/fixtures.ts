import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Json } from '../../generate/openapi.js';

export const fixturePath = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** A fresh parsed copy of a fixture document, safe to modify. */
export const loadFixture = (name: 'public-v1.yaml' | 'partner-v1.yaml'): Json =>
  parse(readFileSync(fixturePath(name), 'utf8'));

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
