// Property: no JSON value, and no mutation of a valid scenario, makes validation throw; it either
// validates or gives at least one located error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, validateScenario, type ValidationResult } from '../../../src/core/scenario/index';
import { baseScenario } from './helpers';

// kernel-ref paths: `scenario`, then `.key` or `[index]` steps (keys are printed raw, as Python does).
const PATH_RE = /^scenario(\.[\s\S]+|\[\d+\][\s\S]*)?$/;

function wellFormed(r: ValidationResult): void {
  if (r.ok) {
    expect(Array.isArray(r.scenario.paths)).toBe(true);
    expect(r.scenario.paths.length).toBeGreaterThanOrEqual(1);
    return;
  }
  expect(r.errors.length).toBeGreaterThanOrEqual(1);
  for (const err of r.errors) {
    expect(err.path).toMatch(/^scenario/);
    expect(err.message.length).toBeGreaterThan(0);
  }
}

/**
 * Replaces, deletes or adds one value somewhere inside `root` (chosen by the indices). The value is
 * copied: fast-check's constants (`{}`, `[]`) are one shared object, and inserting it twice let a
 * later mutation put it inside itself (a cycle no JSON scenario can have).
 */
function mutate(root: any, picks: number[], given: unknown, op: number): void {
  const value = structuredClone(given);
  let node = root;
  for (const p of picks) {
    if (node === null || typeof node !== 'object') return;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const k = keys[p % keys.length];
    const child = node[k];
    if (child === null || typeof child !== 'object' || p % 3 === 0) {
      if (op === 0) node[k] = value;
      else if (op === 1) delete node[k];
      else node[`x${p}`] = value;
      return;
    }
    node = child;
  }
  if (node !== null && typeof node === 'object') node.extra = value;
}

const interesting = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(0, -1, 1.5, 9, 256, 65536, 1e300, '', '10.0.1.5', '10.0.2.2', 'subflow', 'backup', 'client', 'both', [], {}, null, true),
);

describe('validation never throws', () => {
  it('on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        wellFormed(validateScenario(v));
        wellFormed(parseScenarioText(JSON.stringify(v) ?? 'null'));
      }),
      { numRuns: 300 },
    );
  });

  it('on mutated valid scenarios, and error paths are JSON paths', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ picks: fc.array(fc.nat(50), { maxLength: 5 }), value: interesting, op: fc.nat(2) }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (muts, withEvents) => {
          const s = baseScenario();
          if (withEvents) {
            s.events = [
              { at: 1, action: 'link_down', path: 1 },
              { at: 2, action: 'endpoint_change', ns: 'client', id: 1, flags: ['backup'] },
              { at: 3, action: 'shape', path: 2, loss_pct: 5 },
            ];
          }
          for (const m of muts) mutate(s, m.picks, m.value, m.op);
          const r = validateScenario(s);
          wellFormed(r);
          if (!r.ok) for (const err of r.errors) expect(err.path).toMatch(PATH_RE);
          wellFormed(parseScenarioText(JSON.stringify(s)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (t) => {
        wellFormed(parseScenarioText(t));
      }),
      { numRuns: 300 },
    );
  });
});
