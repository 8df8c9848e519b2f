/**
 * The part of the view a share link keeps besides the cursor time (which lives in Playback): which
 * host's and which subflow's state diagrams are shown. Reactive (Svelte runes), one per page.
 */
import type { Side } from '../core/sim/trace';

export class DiagramSelection {
  side = $state<Side>('client');
  /** The selected subflow's socket number; null: the host's first subflow. */
  sock = $state<number | null>(null);

  set(side: Side, sock: number | null): void {
    this.side = side;
    this.sock = sock;
  }
}

/** The page's one selection, shared by the state diagrams and the share link. */
export const diagramSelection = new DiagramSelection();
