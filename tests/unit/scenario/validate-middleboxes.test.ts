// sim.middleboxes: normalised with defaults, every bad value located by its JSON path.
import { describe, expect, it } from 'vitest';
import { e, errorsOf, validOf } from './helpers';

describe('sim.middleboxes', () => {
  it('normalises boxes with their defaults', () => {
    const sc = validOf((s) => {
      s.sim = { middleboxes: [{ path: 1, action: 'strip_options' }, { path: 1, dir: 'c2s', action: 'rewrite_payload', from_s: 0.5, until_s: 0.6 }] };
    }).scenario;
    expect(sc.sim?.middleboxes).toEqual([
      { path: 1, dir: 'both', action: 'strip_options', options: ['ALL'], on: 'any', from_s: 0, until_s: null, count: null },
      { path: 1, dir: 'c2s', action: 'rewrite_payload', options: ['ALL'], on: 'any', from_s: 0.5, until_s: 0.6, count: null },
    ]);
  });

  it('locates every bad value', () => {
    expect(errorsOf((s) => (s.sim = { middleboxes: {} }))).toEqual([e('scenario.sim.middleboxes', 'must be a list')]);
    expect(
      errorsOf(
        (s) =>
          (s.sim = {
            middleboxes: [
              { path: 9, action: 'strip_options', options: ['MP_JOINED'], on: 'fin' },
              { dir: 'up', action: 'drop' },
              { path: 1, action: 'rewrite_payload', on: 'data', from_s: 2, until_s: 1, colour: 'red' },
            ],
          }),
      ),
    ).toEqual([
      e('scenario.sim.middleboxes[0].path', 'must be <= 2, got 9'),
      e('scenario.sim.middleboxes[0].on', "must be one of ['syn', 'synack', 'ack', 'data', 'any'], got \"fin\""),
      e(
        'scenario.sim.middleboxes[0].options',
        "must be a non-empty list drawn from ['ALL', 'MP_CAPABLE', 'MP_JOIN', 'DSS', 'ADD_ADDR', 'REMOVE_ADDR', 'MP_PRIO', 'MP_FAIL', 'MP_FASTCLOSE', 'MP_TCPRST'], got [\"MP_JOINED\"]",
      ),
      e('scenario.sim.middleboxes[1].path', 'is required'),
      e('scenario.sim.middleboxes[1].dir', "must be one of ['c2s', 's2c', 'both'], got \"up\""),
      e('scenario.sim.middleboxes[1].action', "must be one of ['strip_options', 'rewrite_payload'], got \"drop\""),
      e('scenario.sim.middleboxes[2].colour', 'unknown key (allowed: path, dir, action, options, on, from_s, until_s, count, note)'),
      e('scenario.sim.middleboxes[2]', "'options' and 'on' only apply to action 'strip_options'"),
      e('scenario.sim.middleboxes[2].until_s', 'must be greater than from_s (2)'),
    ]);
  });
});

describe('sim.scheduler', () => {
  it('takes a registered scheduler name for both hosts or per host', () => {
    expect(validOf((s) => (s.sim = { scheduler: 'minrtt' })).scenario.sim?.scheduler).toBe('minrtt');
    expect(validOf((s) => (s.sim = { scheduler: { client: 'rr' } })).scenario.sim?.scheduler).toEqual({ client: 'rr' });
  });
  it('locates unknown names and keys', () => {
    expect(errorsOf((s) => (s.sim = { scheduler: 'fastest' }))[0].path).toBe('scenario.sim.scheduler');
    expect(errorsOf((s) => (s.sim = { scheduler: { both: 'rr' } }))).toEqual([e('scenario.sim.scheduler.both', 'unknown key (allowed: client, server)')]);
  });
});
