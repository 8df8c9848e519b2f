/**
 * The link emulator an exported lab script (lab-export.ts) runs where the kernel has no sch_netem:
 * python3, standard library only, written for this project after the design kernel-ref describes
 * (../shared/kernel-ref/README.md, "Why a third wire namespace"; its code is not copied). One
 * process per path, in a third "wire" namespace between the client's and the server's veth:
 *
 *   client cli-pK ==veth== wc-pK [this program] ws-pK ==veth== srv-pK server
 *
 * It reads every frame of wc-pK / ws-pK with an AF_PACKET socket and PACKET_VNET_HDR (so frames whose
 * checksum the sender left to "hardware" keep that state and arrive valid) and sends it out of the
 * other interface. Each direction has its own model, in this order: Bernoulli loss (`loss_pct`,
 * seeded), a FIFO of `queue_pkts` frames with tail drop, serialisation at `rate_mbit` (Ethernet frame
 * bytes), one-way `delay_ms` plus uniform ± `jitter_ms`, no reordering unless `allow_reorder`.
 *
 * The shape of a direction is read from a control file `DIR/pK-c2s` / `DIR/pK-s2c` (one line:
 * `rate delay_ms jitter_ms loss_pct queue_pkts reorder`, rate `-` = unlimited), re-read when it
 * changes (at most every 50 ms), so the script's `shape` events change a running link. On SIGTERM it
 * writes `DIR/pK-stats.json` (frames and bytes in and out, drops by cause, per direction).
 *
 * Usage: lab-wire.py DIR K CLIENT_SIDE_IF SERVER_SIDE_IF SEED
 */
export const LAB_WIRE_PY = String.raw`#!/usr/bin/env python3
import collections, heapq, json, os, random, signal, socket, sys, threading, time

ETH_P_ALL = 3
SOL_PACKET = 263
PACKET_VNET_HDR = 15          # include/uapi/linux/if_packet.h
PACKET_IGNORE_OUTGOING = 23
PACKET_OUTGOING = 4
VNET_HDR = 10                 # struct virtio_net_hdr


def open_if(name):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(SOL_PACKET, PACKET_VNET_HDR, 1)
    try:
        s.setsockopt(SOL_PACKET, PACKET_IGNORE_OUTGOING, 1)
    except OSError:
        pass
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.bind((name, ETH_P_ALL))
    return s


class Direction:
    def __init__(self, ctl, rx, tx, seed):
        self.ctl, self.rx, self.tx = ctl, rx, tx
        self.rng = random.Random(seed)
        self.shape = {"rate": None, "delay": 0.0, "jitter": 0.0, "loss": 0.0, "queue": 1000, "reorder": False}
        self.mtime = None
        self.checked = 0.0
        self.busy_until = 0.0
        self.last_depart = 0.0
        self.backlog = collections.deque()  # serialisation end times of the frames still queued
        self.heap = []         # (departure, n, frame)
        self.n = 0
        self.cv = threading.Condition()
        self.stats = {"rx_pkts": 0, "rx_bytes": 0, "tx_pkts": 0, "tx_bytes": 0,
                      "drop_loss": 0, "drop_queue": 0, "tx_error": 0}

    def reload(self):
        try:
            m = os.stat(self.ctl).st_mtime_ns
            if m == self.mtime:
                return
            with open(self.ctl) as f:
                rate, delay, jitter, loss, queue, reorder = f.read().split()
            self.mtime = m
            self.shape = {"rate": None if rate == "-" else float(rate) * 1e6, "delay": float(delay) / 1e3,
                          "jitter": float(jitter) / 1e3, "loss": float(loss), "queue": int(queue),
                          "reorder": reorder == "1"}
        except (OSError, ValueError):
            pass

    def rx_loop(self):
        st = self.stats
        while True:
            data, addr = self.rx.recvfrom(65536 + VNET_HDR)
            now = time.monotonic()
            if addr[2] == PACKET_OUTGOING:
                continue
            if now - self.checked > 0.05:
                self.checked = now
                self.reload()
            sh = self.shape
            size = len(data) - VNET_HDR
            st["rx_pkts"] += 1
            st["rx_bytes"] += size
            if sh["loss"] > 0 and self.rng.random() * 100 < sh["loss"]:
                st["drop_loss"] += 1
                continue
            while self.backlog and self.backlog[0] <= now:
                self.backlog.popleft()
            if len(self.backlog) >= sh["queue"]:
                st["drop_queue"] += 1
                continue
            done = max(now, self.busy_until) + (size * 8 / sh["rate"] if sh["rate"] else 0.0)
            self.busy_until = done
            if done > now:
                self.backlog.append(done)
            depart = done + sh["delay"]
            if sh["jitter"] > 0:
                depart += self.rng.uniform(-sh["jitter"], sh["jitter"])
            if not sh["reorder"]:
                depart = max(depart, self.last_depart)
            self.last_depart = max(self.last_depart, depart)
            with self.cv:
                self.n += 1
                heapq.heappush(self.heap, (depart, self.n, data))
                self.cv.notify()

    def tx_loop(self):
        st = self.stats
        while True:
            with self.cv:
                while not self.heap:
                    self.cv.wait()
                wait = self.heap[0][0] - time.monotonic()
                if wait > 0:
                    self.cv.wait(wait)
                    continue
                _, _, data = heapq.heappop(self.heap)
            try:
                self.tx.send(data)
                st["tx_pkts"] += 1
                st["tx_bytes"] += len(data) - VNET_HDR
            except OSError:
                st["tx_error"] += 1


def main():
    out, k, cif, sif, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
    try:
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(10))
    except (AttributeError, OSError):
        pass
    c, s = open_if(cif), open_if(sif)
    dirs = {"c2s": Direction(os.path.join(out, "p%d-c2s" % k), c, s, seed * 1000 + 2 * k),
            "s2c": Direction(os.path.join(out, "p%d-s2c" % k), s, c, seed * 1000 + 2 * k + 1)}

    def stop(*_):
        with open(os.path.join(out, "p%d-stats.json" % k), "w") as f:
            json.dump({d: x.stats for d, x in dirs.items()}, f)
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for d in dirs.values():
        d.reload()
        threading.Thread(target=d.rx_loop, daemon=True).start()
        threading.Thread(target=d.tx_loop, daemon=True).start()
    open(os.path.join(out, "p%d.ready" % k), "w").close()
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
`;
