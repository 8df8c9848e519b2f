// Developer probe: run a plain-TCP scenario and print the key numbers. Not part of the product.
import { readFileSync } from 'node:fs';
import { runScenario } from '../src/core/sim/run';
import type { Scenario } from '../src/core/scenario/types';

const path = process.argv[2];
const sc = JSON.parse(readFileSync(path, 'utf8')) as Scenario;
const t0 = performance.now();
const tr = runScenario(sc, { seed: sc.seed, captures: true, series: true });
const wall = (performance.now() - t0) / 1000;
const c = tr.app.client, s = tr.app.server;
console.log(JSON.stringify({ status: tr.status, endS: tr.end / 1e9, wall, events: tr.engineEvents, pkts: tr.packetsCreated, data: tr.dataPacketsDelivered,
  t_connected: c.t_connected, t_done: c.t_done, sent: c.bytes_sent, recv: s.bytes_received, inorder: s.stream_in_order, sha: c.sha256_sent === s.sha256_received,
  goodput: s.t_last_byte && c.t_connected ? (s.bytes_received * 8 / (s.t_last_byte - c.t_connected) / 1e6).toFixed(3) : null,
  counters: tr.counters, links: tr.links.map(l => ({ c2s: { ...l.c2s, drops: l.c2s.drops.length }, s2c: { ...l.s2c, drops: l.s2c.drops.length } })) }, null, 1));
const samples = c.samples.slice(0, 12).map(x => x.sf.map(f => `${x.t.toFixed(2)} cwnd=${f.snd_cwnd} ss=${f.snd_ssthresh} rtt=${f.rtt_us} rto=${f.rto_us} un=${f.unacked}`).join(' | '));
console.log(samples.join('\n'));
