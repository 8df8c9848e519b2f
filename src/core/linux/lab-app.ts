/**
 * The transfer program an exported lab script (lab-export.ts) writes next to its output and runs in
 * the two namespaces: python3, standard library only, written for this project. It opens
 * socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP = 262) as an MPTCP-aware application does (falling
 * back to TCP when socket() says ENOPROTOOPT, e.g. net.mptcp.enabled = 0), sends or receives the
 * scenario's bytes (or for its duration), hashes both ends with SHA-256 and writes one JSON result.
 * Its `report` mode reads the results and the `ip mptcp monitor` logs and prints one `SUBFLOW` line
 * per established subflow and one `TRANSFER` line, and writes report.json.
 *
 * Its `echo` and `probe` modes check the shaping of each path before the transfer, as ping would
 * (no ping needed): `probe` sends COUNT UDP datagrams every INTERVAL seconds from the path's client
 * address to its server address, `echo` (in the server namespace) returns them, and the result is
 * the round-trip times and the share that did not come back; `report` prints one `PROBE` line per
 * path, and one `WIRE` line per path and direction with the link emulator's own counters.
 *
 * Roles:  server CONFIG_JSON RESULT_FILE · client CONFIG_JSON RESULT_FILE T0_NS · report OUT_DIR ·
 *         echo PORT · probe COUNT INTERVAL_S PORT SRC DST RESULT_FILE
 */
export const LAB_APP_PY = String.raw`#!/usr/bin/env python3
import hashlib, json, os, re, socket, sys, time

IPPROTO_MPTCP = 262          # include/uapi/linux/in.h
SOL_MPTCP = 284              # include/linux/socket.h
MPTCP_INFO = 1               # include/uapi/linux/mptcp.h
TCP_CONGESTION = getattr(socket, "TCP_CONGESTION", 13)


def make_socket(cfg, proto):
    fallback = None
    if proto == "mptcp":
        try:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP)
        except OSError as e:
            fallback = e.errno
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    else:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    if cfg.get("cc"):
        s.setsockopt(socket.IPPROTO_TCP, TCP_CONGESTION, cfg["cc"].encode())
    if cfg.get("sndbuf"):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, cfg["sndbuf"])
    if cfg.get("rcvbuf"):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, cfg["rcvbuf"])
    return s, fallback


def mptcp_used(s):
    try:
        s.getsockopt(SOL_MPTCP, MPTCP_INFO, 256)
        return True
    except OSError:
        return False


def send_stream(s, cfg):
    h = hashlib.sha256()
    sent = 0
    start = time.monotonic()
    while True:
        if cfg.get("bytes") is not None:
            n = min(cfg["chunk"], cfg["bytes"] - sent)
            if n <= 0:
                break
        else:
            if time.monotonic() - start >= cfg["duration"]:
                break
            n = cfg["chunk"]
        buf = os.urandom(n)
        s.sendall(buf)
        h.update(buf)
        sent += n
    s.shutdown(socket.SHUT_WR)
    while s.recv(65536):
        pass
    return {"bytes_sent": sent, "sha256_sent": h.hexdigest()}


def recv_stream(s):
    h = hashlib.sha256()
    got = 0
    while True:
        b = s.recv(262144)
        if not b:
            break
        h.update(b)
        got += len(b)
    return {"bytes_received": got, "sha256_received": h.hexdigest()}


def transfer(s, cfg, sender):
    return send_stream(s, cfg) if sender else recv_stream(s)


def write(cfg, res):
    with open(sys.argv[3], "w") as f:
        json.dump(res, f)


def server(cfg):
    res = {"role": "server"}
    try:
        ls, fb = make_socket(cfg, cfg["server_proto"])
        res["socket_fallback_errno"] = fb
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind(("0.0.0.0", cfg["port"]))
        ls.listen(8)
        c, _ = ls.accept()
        res["mptcp_used"] = mptcp_used(c)
        res.update(transfer(c, cfg, cfg["direction"] == "download"))
        c.close()
    except Exception as e:
        res["error"] = repr(e)
    write(cfg, res)


def client(cfg, t0_ns):
    res = {"role": "client"}
    try:
        s, fb = make_socket(cfg, cfg["client_proto"])
        res["socket_fallback_errno"] = fb
        time.sleep(max(0.0, (t0_ns - time.time_ns()) / 1e9))
        res["connect_late_s"] = round((time.time_ns() - t0_ns) / 1e9, 6)
        t0 = time.monotonic()
        s.connect((cfg["addr"], cfg["port"]))
        res["handshake_s"] = round(time.monotonic() - t0, 6)
        res["mptcp_used"] = mptcp_used(s)
        res.update(transfer(s, cfg, cfg["direction"] == "upload"))
        s.close()
        res["duration_s"] = round(time.monotonic() - t0, 6)
    except Exception as e:
        res["error"] = repr(e)
    write(cfg, res)
    sys.exit(1 if "error" in res else 0)


LINE = re.compile(r"^(\S+)\s+\[\s*([A-Z_0-9 ]+?)\s*\](.*)$")


def monitor_events(path):
    out = []
    try:
        lines = open(path).read().splitlines()
    except OSError:
        return out
    for line in lines:
        m = LINE.match(line)
        if not m:
            continue
        ev = {"t": m.group(1), "type": m.group(2)}
        ev.update(dict(kv.split("=", 1) for kv in m.group(3).split() if "=" in kv))
        out.append(ev)
    return out


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def echo(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", port))
    while True:
        data, peer = s.recvfrom(2048)
        s.sendto(data, peer)


def probe(count, interval, port, src, dst, result_file):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((src, 0))
    s.settimeout(0.001)
    sent, rtts = {}, []
    t_end = None
    i = 0
    last = 0.0
    while True:
        now = time.monotonic()
        if i < count and (i == 0 or now >= last + interval):
            sent[i] = last = now
            s.sendto(b"%d" % i + b" " * 56, (dst, port))
            i += 1
            if i == count:
                t_end = now + 1.0          # replies later than 1 s count as lost, as ping -W 1
        try:
            data, _ = s.recvfrom(2048)
            n = int(data.split()[0])
            if n in sent:
                rtts.append((time.monotonic() - sent.pop(n)) * 1000)
        except (socket.timeout, ValueError):
            pass
        if t_end is not None and (time.monotonic() > t_end or not sent):
            break
    res = {"src": src, "dst": dst, "sent": count, "received": len(rtts),
           "loss_pct": round(100.0 * (count - len(rtts)) / count, 2) if count else 0.0,
           "rtt_min_ms": round(min(rtts), 3) if rtts else None,
           "rtt_avg_ms": round(sum(rtts) / len(rtts), 3) if rtts else None,
           "rtt_median_ms": round(sorted(rtts)[len(rtts) // 2], 3) if rtts else None,
           "rtt_max_ms": round(max(rtts), 3) if rtts else None}
    with open(result_file, "w") as f:
        json.dump(res, f)


def report(out_dir):
    rep = {"subflows": [], "monitor": {}, "probes": {}, "wire": {}}
    for name in sorted(os.listdir(out_dir)):
        m = re.match(r"probe-p(\d+)\.json$", name)
        if m:
            pr = load(os.path.join(out_dir, name))
            rep["probes"][m.group(1)] = pr
            print("PROBE path=%s src=%s dst=%s sent=%s received=%s loss_pct=%s rtt_min_ms=%s rtt_median_ms=%s rtt_avg_ms=%s rtt_max_ms=%s" % (
                m.group(1), pr.get("src"), pr.get("dst"), pr.get("sent"), pr.get("received"), pr.get("loss_pct"),
                pr.get("rtt_min_ms"), pr.get("rtt_median_ms"), pr.get("rtt_avg_ms"), pr.get("rtt_max_ms")))
    wire_dir = os.path.join(out_dir, "wire")
    for name in sorted(os.listdir(wire_dir)) if os.path.isdir(wire_dir) else []:
        m = re.match(r"p(\d+)-stats\.json$", name)
        if m:
            ws = load(os.path.join(wire_dir, name))
            rep["wire"][m.group(1)] = ws
            for d in ("c2s", "s2c"):
                x = ws.get(d, {})
                print("WIRE path=%s dir=%s rx_pkts=%s tx_pkts=%s drop_loss=%s drop_queue=%s" % (
                    m.group(1), d, x.get("rx_pkts"), x.get("tx_pkts"), x.get("drop_loss"), x.get("drop_queue")))
    for host in ("client", "server"):
        evs = monitor_events(os.path.join(out_dir, "monitor-%s.txt" % host))
        rep["monitor"][host] = evs
        for e in evs:
            if e["type"] not in ("ESTABLISHED", "SF_ESTABLISHED"):
                continue
            sf = {"host": host, "event": e["type"], "t": e["t"],
                  "saddr": "%s:%s" % (e.get("saddr4"), e.get("sport")),
                  "daddr": "%s:%s" % (e.get("daddr4"), e.get("dport")),
                  "locid": e.get("locid"), "remid": e.get("remid"), "backup": e.get("backup")}
            rep["subflows"].append(sf)
            print("SUBFLOW host=%s event=%s t=%s saddr=%s daddr=%s locid=%s remid=%s backup=%s" % (
                host, sf["event"], sf["t"], sf["saddr"], sf["daddr"], sf["locid"], sf["remid"],
                sf["backup"] if sf["backup"] is not None else "-"))
    c = load(os.path.join(out_dir, "client.json"))
    s = load(os.path.join(out_dir, "server.json"))
    snd, rcv = (c, s) if "bytes_sent" in c else (s, c)
    ok = (not c.get("error") and not s.get("error") and "sha256_sent" in snd and
          snd.get("sha256_sent") == rcv.get("sha256_received"))
    rep["transfer"] = {"client": c, "server": s, "stream_equal": ok}
    print("TRANSFER sent=%s received=%s stream_equal=%s mptcp_client=%s mptcp_server=%s duration_s=%s%s" % (
        snd.get("bytes_sent"), rcv.get("bytes_received"), str(ok).lower(),
        str(c.get("mptcp_used")).lower(), str(s.get("mptcp_used")).lower(), c.get("duration_s"),
        "".join(" error_%s=%r" % (x["role"], x["error"]) for x in (c, s) if x.get("error"))))
    with open(os.path.join(out_dir, "report.json"), "w") as f:
        json.dump(rep, f, indent=1)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    role = sys.argv[1]
    if role == "server":
        server(json.loads(sys.argv[2]))
    elif role == "client":
        client(json.loads(sys.argv[2]), int(sys.argv[4]))
    elif role == "echo":
        echo(int(sys.argv[2]))
    elif role == "probe":
        probe(int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6], sys.argv[7])
    else:
        report(sys.argv[2])
`;
