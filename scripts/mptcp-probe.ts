// Developer probe: run a scenario and print MPTCP trace events, pm events and the app result times.
import { readFileSync } from 'node:fs';
import { parseScenarioText, simulate } from '../src/core/index';

const path = process.argv[2];
const parsed = parseScenarioText(readFileSync(path, 'utf8'), path);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const r = simulate(parsed.scenario, { seed: Number(process.argv[3] ?? parsed.scenario.seed) });
const tr = r.trace;
for (const e of tr.events) if (e.type === 'mptcp' || e.type === 'scenarioEvent' || e.type === 'linkState') console.log((e.t / 1e9).toFixed(4), e.type, JSON.stringify(e.type === 'mptcp' ? { side: e.side, ...e.ev } : e));
for (const side of ['client', 'server'] as const) for (const e of tr.pmEvents[side]) console.log((e.t / 1e9).toFixed(4), side, e.type, JSON.stringify(e.attrs));
const { client: c, server: s } = tr.app;
console.log(JSON.stringify({ status: tr.status, c: { t_connected: c.t_connected, t_eof: c.t_eof, t_done: c.t_done, sent: c.bytes_sent, recv: c.bytes_received, err: c.error }, s: { t_accept: s.t_accept, t_eof: s.t_eof, t_done: s.t_done, sent: s.bytes_sent, recv: s.bytes_received, err: s.error } }));
console.log(JSON.stringify(tr.counters.client.MPTcpExt), JSON.stringify(tr.counters.server.MPTcpExt));
