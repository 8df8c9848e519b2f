/** `npm run sim` with a scheduler script that loops forever: node:vm ends the call, exit 2 with the located error. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../cli/sim';

describe('CLI and user scripts', () => {
  it('an endless loop in a scheduler script ends with exit 2 and the script path, time and call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'script-cli-'));
    const file = join(dir, 'loop.json');
    writeFileSync(file, JSON.stringify({
      schema: 'kernel-ref-scenario/1', name: 'loop', paths: [{ delay_ms: 10, rate_mbit: 10 }, { delay_ms: 30, rate_mbit: 10 }],
      client: { limits: { subflows: 2 }, endpoints: [{ path: 2, flags: ['subflow'], id: 1 }] }, server: { limits: { subflows: 2 } },
      app: { bytes: 300000 }, sim: { scheduler_script: { side: 'client', source: 'function pickSend(v) {\n  if (v.subflows.length > 1) for (;;) {}\n  return v.subflows[0].id;\n}' } },
    }));
    const err: string[] = [];
    const code = await main([file, '--out', join(dir, 'out'), '--quiet'], { stdout: () => {}, stderr: (l) => err.push(l) });
    expect(code).toBe(2);
    expect(err[0]).toBe(`scenario error in ${file} (a user script failed):`);
    expect(err[1]).toMatch(/^ {2}scenario\.sim\.scheduler_script\.source: at t=0\.\d{6} s in pickSend: pickSend ran for more than its budget of 1000 ms \(an endless loop\?\)$/);
  }, 20_000);
});
