// The six kernel-ref example scenarios validate, and the normalised result equals what kernel-ref's
// own `validate_scenario()` produced (the `scenario` object embedded in each results summary.json).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, validateScenario } from '../../../src/core/scenario/index';
import { KERNEL_REF } from '../../helpers/paths';

const KREF = KERNEL_REF;
const names = readdirSync(join(KREF, 'scenarios'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))
  .sort();

describe('kernel-ref example scenarios', () => {
  it('finds all six examples', () => {
    expect(names).toEqual([
      'a_aggregation',
      'b_handover',
      'c_backup',
      'd_signal',
      'e_fallback_server_tcp',
      'f_prio_blackhole_download',
    ]);
  });

  for (const name of names) {
    it(`${name}: normalises exactly like kernel-ref's validate_scenario()`, () => {
      const text = readFileSync(join(KREF, 'scenarios', `${name}.json`), 'utf8');
      const r = parseScenarioText(text);
      if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
      const summary = JSON.parse(readFileSync(join(KREF, 'results', name, 'summary.json'), 'utf8'));
      // Structural equality over every key the Python produces (and no extra keys).
      expect(r.scenario).toEqual(summary.scenario);
      expect(r.ignored).toEqual([]);
    });

    it(`${name}: validating the parsed object gives the same result as the text`, () => {
      const text = readFileSync(join(KREF, 'scenarios', `${name}.json`), 'utf8');
      const fromText = parseScenarioText(text);
      const fromValue = validateScenario(JSON.parse(text));
      expect(fromValue).toEqual(fromText);
    });
  }

  it('fills wire interface names and subnets per path', () => {
    const text = readFileSync(join(KREF, 'scenarios', 'a_aggregation.json'), 'utf8');
    const r = parseScenarioText(text);
    if (!r.ok) throw new Error('invalid');
    expect(r.scenario.paths[1]).toMatchObject({
      id: 2,
      client_if: 'cli-p2',
      server_if: 'srv-p2',
      wire_client_if: 'wc-p2',
      wire_server_if: 'ws-p2',
      client_addr: '10.0.2.1',
      server_addr: '10.0.2.2',
      subnet: '10.0.2.0/24',
    });
  });
});
