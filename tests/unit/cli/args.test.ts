// Command line of `npm run sim`: SCENARIO.json --out DIR [--seed N] [--quiet].
import { describe, expect, it } from 'vitest';
import { parseSimArgs } from '../../../cli/args';

describe('parseSimArgs', () => {
  it('reads the scenario, --out, --seed and --quiet in any order', () => {
    expect(parseSimArgs(['s.json', '--out', 'o', '--seed', '7', '--quiet'])).toEqual({
      kind: 'run',
      args: { scenario: 's.json', out: 'o', seed: 7, quiet: true },
    });
    expect(parseSimArgs(['--quiet', '--out=o', 's.json', '--seed=-3'])).toEqual({
      kind: 'run',
      args: { scenario: 's.json', out: 'o', seed: -3, quiet: true },
    });
  });

  it('leaves the seed to the scenario when not given', () => {
    expect(parseSimArgs(['s.json', '--out', 'o'])).toEqual({ kind: 'run', args: { scenario: 's.json', out: 'o', seed: null, quiet: false } });
  });

  it('shows help for --help and -h', () => {
    expect(parseSimArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseSimArgs(['s.json', '-h'])).toEqual({ kind: 'help' });
  });

  it('takes a file name starting with a dash after --', () => {
    expect(parseSimArgs(['--out', 'o', '--', '-odd.json'])).toMatchObject({ kind: 'run', args: { scenario: '-odd.json' } });
  });

  const bad: [string[], RegExp][] = [
    [[], /a scenario file is required/],
    [['s.json'], /--out DIR is required/],
    [['s.json', '--out'], /--out needs a directory/],
    [['s.json', '--out', '--quiet'], /--out needs a directory/],
    [['s.json', '--out='], /--out needs a directory/],
    [['s.json', '--out', 'a', '--out', 'b'], /--out given twice/],
    [['s.json', '--out', 'o', '--seed'], /--seed needs an integer/],
    [['s.json', '--out', 'o', '--seed', '1.5'], /--seed must be an integer, got '1.5'/],
    [['s.json', '--out', 'o', '--seed=abc'], /--seed must be an integer, got 'abc'/],
    [['s.json', '--out', 'o', '--seed', '99999999999999999999'], /--seed must be an integer/],
    [['s.json', '--out', 'o', '--seed', '1', '--seed', '2'], /--seed given twice/],
    [['s.json', '--out', 'o', '--verbose'], /unknown option '--verbose'/],
    [['s.json', '--out', 'o', '--quiet=yes'], /--quiet takes no value/],
    [['a.json', 'b.json', '--out', 'o'], /only one scenario file/],
  ];
  for (const [argv, msg] of bad) {
    it(`is a usage error: ${argv.join(' ') || '(nothing)'}`, () => {
      const r = parseSimArgs(argv);
      expect(r.kind).toBe('error');
      if (r.kind === 'error') expect(r.message).toMatch(msg);
    });
  }
});
