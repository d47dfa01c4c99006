// `pnpm demo`: the whole journey against an embedded sandbox on loopback. Nothing leaves this machine.
import { startSandbox } from '@opentrain-ai/sandbox';
import { showFaces } from './demo/faces.js';
import { runJourney } from './demo/journey.js';

const running = await startSandbox({ port: 0 });
console.log(`OpenTrain sandbox on ${running.url}\n`);
let step = 0;
try {
  const say = (title: string, detail?: string) => {
    step += 1;
    console.log(`${String(step).padStart(2)}. ${title}${detail ? `\n    ${detail}` : ''}`);
  };
  const journey = await runJourney(running, say);
  await showFaces(running.url, journey.agentToken, journey.contractId, say);
  console.log(
    '\nDone: registered, claimed, drafted, published, hired, paid, every webhook verified, and the same account read ' +
      'through the CLI and the MCP server.',
  );
} catch (error) {
  console.error(`\nThe demo stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await running.close();
}
