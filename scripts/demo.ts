// `pnpm demo`: the whole journey against an embedded sandbox on loopback. Nothing leaves this machine.
import { startSandbox } from '@opentrain-ai/sandbox';
import { runJourney } from './demo/journey.js';

const running = await startSandbox({ port: 0 });
console.log(`OpenTrain sandbox on ${running.url}\n`);
let step = 0;
try {
  await runJourney(running, (title, detail) => {
    step += 1;
    console.log(`${String(step).padStart(2)}. ${title}${detail ? `\n    ${detail}` : ''}`);
  });
  console.log('\nDone: registered, claimed, drafted, published, hired, paid, and every webhook verified.');
} catch (error) {
  console.error(`\nThe demo stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await running.close();
}
