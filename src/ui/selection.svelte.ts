/**
 * The selected packet, shared by every view of one playground (ladder, inspector, and later the
 * topology and the charts): select a packet anywhere, it is highlighted everywhere (Wireshark's
 * linked views).
 *
 * A packet is named by its simulator id (`Packet.id`, unique within a run). Runs are deterministic,
 * so after a fork (an action at time t) the packets before t keep their ids and the selection stays
 * meaningful; a view that cannot find the id in the current run shows nothing selected.
 *
 * One selection per playground: it hangs off that playground's Playback (views-context.ts), so
 * two playgrounds embedded in one page do not share their selection.
 */
import type { Playback } from './playback.svelte';
import { useViews } from './views-context';

export class PacketSelection {
  /** The selected packet's id, or null. */
  packetId = $state<number | null>(null);
  /**
   * Which capture record of the packet to show when it was captured on both sides (an index into
   * trace.captures), or null for the view's default.
   */
  captureIndex = $state<number | null>(null);

  select(packetId: number | null, captureIndex: number | null = null): void {
    this.packetId = packetId;
    this.captureIndex = captureIndex;
  }

  clear(): void {
    this.select(null);
  }
}

const selections = new WeakMap<Playback, PacketSelection>();

/** The selection of the playground `playback` belongs to (created on first use). */
export function selectionFor(playback: Playback): PacketSelection {
  let s = selections.get(playback);
  if (!s) {
    s = new PacketSelection();
    selections.set(playback, s);
  }
  return s;
}

/** In a view component: the selection of the surrounding playground. */
export function useSelection(): PacketSelection {
  return selectionFor(useViews().playback);
}
