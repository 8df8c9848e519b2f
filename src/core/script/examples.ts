/**
 * Bundled example scripts, in the spirit of mptcpd's plugins (written here from their documented
 * behaviour; no mptcpd code): `addr_adv` announces every local address, `sspi` opens a single
 * subflow per network interface. Plus a scheduler script that picks the lowest-RTT subflow, as the
 * built-in minrtt does. The gallery and the tests run them.
 */

/** addr_adv: on every new connection, announce (ADD_ADDR) each other local address of the host. */
export const ADDR_ADV_SCRIPT = `// addr_adv: announce every local address (in the spirit of mptcpd's addr_adv plugin).
// Called with each 'ip mptcp monitor' event of this host; returns userspace-PM commands.
function onEvent(ev, host) {
  if (ev.type !== 'ESTABLISHED') return [];
  const cmds = [];
  let id = 1;
  for (const a of host.addrs) {
    if (a.addr === ev.saddr4 || !a.up) continue; // the connection's own address needs no ADD_ADDR
    cmds.push({ cmd: 'announce', local: { addr: a.addr, id: id++ } });
  }
  return cmds;
}
`;

/** sspi: one subflow per local interface, towards addresses the peer announces. */
export const SSPI_SCRIPT = `// sspi: single subflow per interface (in the spirit of mptcpd's sspi plugin).
// Each interface (path) carries at most one subflow of a connection.
const conns = new Map(); // token -> { paths: Set of paths in use, port }

function subnet(addr) {
  return addr.split('.').slice(0, 3).join('.');
}

function onEvent(ev, host) {
  if (ev.token === null) return [];
  if (!conns.has(ev.token)) conns.set(ev.token, { paths: new Set(), port: 0 });
  const c = conns.get(ev.token);
  const pathOf = (addr) => (host.addrs.find((a) => a.addr === addr) || {}).path;
  switch (ev.type) {
    case 'ESTABLISHED':
      c.port = ev.dport;
      c.paths.add(pathOf(ev.saddr4));
      return [];
    case 'SF_ESTABLISHED':
      c.paths.add(pathOf(ev.saddr4));
      return [];
    case 'SF_CLOSED':
      c.paths.delete(pathOf(ev.saddr4));
      return [];
    case 'CLOSED':
      conns.delete(ev.token);
      return [];
    case 'ANNOUNCED': {
      // a free interface on the announced address's subnet, if any
      const a = host.addrs.find((x) => x.up && !c.paths.has(x.path) && subnet(x.addr) === subnet(ev.daddr4));
      if (!a) return [];
      c.paths.add(a.path);
      return [{ cmd: 'subflow_create', local: { addr: a.addr, id: a.path }, remote: { addr: ev.daddr4, id: ev.remid, port: ev.dport || c.port } }];
    }
    default:
      return [];
  }
}
`;

/** A scheduler script: the usable subflow with the lowest smoothed RTT and window room, non-backup first. */
export const LOWEST_RTT_SCHEDULER_SCRIPT = `// Lowest RTT first: like the built-in minrtt scheduler.
function pickSend(view) {
  const usable = view.subflows.filter((s) => s.usable);
  const primary = usable.filter((s) => !s.backup && !s.peerBackup);
  const list = primary.length > 0 ? primary : usable;
  let best = null;
  for (const s of list) {
    if (s.cwndRoom <= 0) continue;
    if (best === null || s.srttUs < best.srttUs) best = s;
  }
  if (best === null) return { subflow: null, reason: 'every window is full' };
  return { subflow: best.id, reason: 'lowest RTT: ' + best.srttUs + ' us' };
}
`;
