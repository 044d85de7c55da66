import { BENCHES } from '../bench/registry';
import { UsageError } from '../usage';

export async function runBench(_values: Record<string, unknown>, names: string[]): Promise<number> {
  const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n));
  if (unknown.length)
    throw new UsageError(
      `unknown benchmark ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`,
    );
  const chosen = names.length ? BENCHES.filter((b) => names.includes(b.name)) : BENCHES;
  for (const bench of chosen) {
    console.log(`\n== ${bench.name}: ${bench.summary}`);
    const started = performance.now();
    try {
      await bench.run((line) => console.log(`   ${line}`));
    } catch (err) {
      console.log(`   could not run: ${(err as Error).message}`);
    }
    console.log(`   (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  return 0;
}
