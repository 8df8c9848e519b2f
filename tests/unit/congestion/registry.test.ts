import { describe, expect, it } from 'vitest';
import { congestionAlgorithms, createCongestionControl } from '../../../src/core/tcp/congestion';

describe('congestion-control registry', () => {
  it('registers reno and cubic under their Linux names, and the coupled lia, olia, balia, each with a title key', () => {
    expect(Object.keys(congestionAlgorithms).sort()).toEqual(['balia', 'cubic', 'lia', 'olia', 'reno']);
    for (const [name, alg] of Object.entries(congestionAlgorithms)) {
      expect(alg.id).toBe(name);
      expect(alg.titleKey).toMatch(/\S/);
      expect(alg.create().id).toBe(name);
    }
  });

  it('createCongestionControl gives each socket its own controller state', () => {
    const a = createCongestionControl('cubic');
    const b = createCongestionControl('cubic');
    expect(a).not.toBe(b);
    expect(a.id).toBe('cubic');
    expect(createCongestionControl('reno').id).toBe('reno');
  });

  it('rejects an unknown name with the list of known ones', () => {
    expect(() => createCongestionControl('bbr')).toThrow(/unknown congestion control "bbr".*reno.*cubic|unknown congestion control "bbr".*cubic.*reno/);
    expect(() => createCongestionControl('toString')).toThrow(/unknown congestion control/);
  });
});
