import { describe, expect, it } from 'vitest';
import { routeOf } from '../../../src/ui/route';

describe('routeOf', () => {
  it.each([
    ['', { page: 'playground' }],
    ['#playground', { page: 'playground' }],
    ['#run=v1.abc', { page: 'playground' }],
    ['#lessons', { page: 'lessons', slug: null }],
    ['#lessons/', { page: 'lessons', slug: null }],
    ['#lessons/01-why-mptcp', { page: 'lessons', slug: '01-why-mptcp' }],
    ['#lessons/nope', { page: 'lessons', slug: 'nope' }],
    ['#exercises', { page: 'exercises', id: null }],
    ['#exercises/01-open-a-second-subflow', { page: 'exercises', id: '01-open-a-second-subflow' }],
    ['#author', { page: 'author' }],
    ['#exercise=abc', { page: 'shared-exercise', data: 'abc' }],
  ])('%s', (hash, route) => {
    expect(routeOf(hash)).toEqual(route);
  });

  it('caps a hostile lesson path', () => {
    const r = routeOf(`#lessons/${'x'.repeat(10_000)}`);
    expect(r.page === 'lessons' && r.slug !== null && r.slug.length <= 80).toBe(true);
  });
});
