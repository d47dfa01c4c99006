import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { commandReference } from '../src/command-reference.js';

const README = new URL('../README.md', import.meta.url);
const START = /<!-- commands:start[^>]*-->\n/;
const END = '<!-- commands:end -->';

describe('README', () => {
  it('lists every command with its flags, as the command tree builds them', async () => {
    let text = await readFile(README, 'utf8');
    const start = text.match(START);
    const end = text.indexOf(END);
    expect(start?.index, 'the README has lost its commands:start marker').toBeGreaterThan(0);
    const head = text.slice(0, (start?.index ?? 0) + (start?.[0].length ?? 0));
    const expected = `${head}\n${commandReference()}\n${text.slice(end)}`;
    // UPDATE_README=1 rewrites the section instead of checking it.
    if (process.env.UPDATE_README === '1') {
      await writeFile(README, expected);
      text = expected;
    }
    expect(text).toBe(expected);
  });
});
