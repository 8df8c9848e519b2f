import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { bundleForNode } from '../../../bench/bundle';

describe('bench bundle (the simulator measured as the page runs it)', () => {
  it('bundles bench/run.ts into one module whose child mode measures a workload without tsx', async () => {
    const path = await bundleForNode('bench/run.ts');
    expect(path).toMatch(/node_modules\/\.cache\/mptcp-playground-bench\/run\.mjs$/);
    // plain node, no loader: the bundle must carry the whole simulator
    const r = spawnSync(process.execPath, ['--expose-gc', path, '--child', 'w3-mptcp'], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_SIM_S: '0.5', NODE_OPTIONS: '' },
    });
    expect(r.status, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { name: string; packets: number; goodput_mbit: number };
    expect(line.name).toBe('w3-mptcp');
    expect(line.packets).toBeGreaterThan(1000);
    expect(line.goodput_mbit).toBeGreaterThan(10);
  }, 120_000);
});
