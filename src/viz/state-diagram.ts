/**
 * State diagrams drawn from the xstate machine definitions themselves (design.md §4): this module
 * walks a machine's state nodes (`machine.root`, nested states included) and their transitions
 * into a plain graph. Nothing here knows the MPTCP or TCP state names, so adding a state or a
 * transition to src/machines/*.machine.ts changes the picture with no other edit.
 *
 * Pure: no DOM, no Svelte. The layout is in state-diagram-layout.ts, the live state (what the trace
 * says at time t) in state-diagram-trace.ts.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';

export interface StateGraphNode {
  /** The state's path from the root joined by '.', as the trace names states (`established.preEstablished`). */
  id: string;
  /** The state's own key (`preEstablished`). */
  key: string;
  /** Id of the enclosing compound state, or null for a top-level state. */
  parent: string | null;
  /** Ids of the child states, in definition order (empty for an atomic state). */
  children: string[];
  /** For a compound state, the id of its initial child. */
  initial: string | null;
  /** Display name (e.g. `ESTABLISHED (pre-established)`), from the machine's display table. */
  label: string;
  /** The name shown inside the enclosing state's box: `pre-established` under `ESTABLISHED`. */
  shortLabel: string;
  /** Position in document order (a depth-first walk of the definition). */
  order: number;
  /** Nesting depth, 0 for a top-level state. */
  depth: number;
}

export interface StateGraphEdge {
  /** `from->to`, unique: events with the same source and target share one edge. */
  id: string;
  from: string;
  to: string;
  /** Event types in definition order; a guarded transition reads `EVENT [guard]`. */
  events: string[];
}

export interface StateGraph {
  /** The machine's id (`mptcp`, `tcp`). */
  machineId: string;
  /** Id of the top-level initial state. */
  initial: string;
  /** Every state, parents before their children, in document order. */
  nodes: StateGraphNode[];
  edges: StateGraphEdge[];
}

/** A display name for a state id, or undefined to fall back to the state's key. */
export type StateDisplay = (id: string) => string | undefined;

/** Label `P (inner)` shown inside a box labelled `P` is shortened to `inner`. */
function shortenWithin(label: string, parentLabel: string | null): string {
  if (parentLabel === null) return label;
  for (const open of [' (', '（']) {
    const close = open === ' (' ? ')' : '）';
    if (label.startsWith(parentLabel + open) && label.endsWith(close)) return label.slice(parentLabel.length + open.length, -close.length);
  }
  return label;
}

function stateId(node: AnyStateNode): string {
  return node.path.join('.');
}

function guardName(guard: unknown): string | null {
  if (typeof guard === 'string') return guard;
  if (guard && typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') return (guard as { type: string }).type;
  if (typeof guard === 'function' && guard.name) return guard.name;
  return null;
}

/**
 * The states and transitions of `machine`, from its definition. `display` names the states (the
 * machines' `*_STATE_DISPLAY` tables, possibly localised); unnamed states show their key.
 * Targetless transitions (actions only) are not edges; eventless (`always`) ones read `(always)`.
 */
export function machineGraph(machine: AnyStateMachine, display: StateDisplay | Record<string, string> = {}): StateGraph {
  const name: StateDisplay = typeof display === 'function' ? display : (id) => (Object.prototype.hasOwnProperty.call(display, id) ? display[id] : undefined);
  const nodes: StateGraphNode[] = [];
  const edges = new Map<string, StateGraphEdge>();
  const labels = new Map<string, string>();

  const addEdge = (from: string, to: string, event: string): void => {
    const id = `${from}->${to}`;
    const e = edges.get(id) ?? { id, from, to, events: [] };
    if (!e.events.includes(event)) e.events.push(event);
    edges.set(id, e);
  };

  const walk = (sn: AnyStateNode, parent: string | null, depth: number): void => {
    const id = stateId(sn);
    const label = name(id) ?? sn.key;
    labels.set(id, label);
    const children = Object.values(sn.states as Record<string, AnyStateNode>);
    const initialTarget = children.length > 0 ? sn.initial?.target?.[0] : undefined;
    nodes.push({
      id,
      key: sn.key,
      parent,
      children: children.map(stateId),
      initial: initialTarget ? stateId(initialTarget) : null,
      label,
      shortLabel: shortenWithin(label, parent === null ? null : (labels.get(parent) ?? null)),
      order: nodes.length,
      depth,
    });
    const defs = [...sn.transitions.values()].flat();
    for (const def of [...defs, ...(sn.always ?? [])]) {
      const guard = guardName(def.guard);
      const event = `${def.eventType === '' ? '(always)' : def.eventType}${guard ? ` [${guard}]` : ''}`;
      for (const target of def.target ?? []) {
        if (target.path.length === 0) continue; // the machine root is not drawn
        addEdge(id, stateId(target), event);
      }
    }
    for (const c of children) walk(c, id, depth + 1);
  };

  const root = machine.root;
  for (const c of Object.values(root.states as Record<string, AnyStateNode>)) walk(c, null, 0);
  const init = root.initial?.target?.[0];
  return { machineId: root.id, initial: init ? stateId(init) : (nodes[0]?.id ?? ''), nodes, edges: [...edges.values()] };
}

/** The state and its enclosing states, innermost first (`established.preEstablished`, `established`). */
export function ancestorsOrSelf(graph: StateGraph, id: string): string[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  for (let n = byId.get(id); n; n = n.parent === null ? undefined : byId.get(n.parent)) out.push(n.id);
  return out;
}

/**
 * The edge that drew a state change seen in the trace (`from` → `to`, leaf states). A transition
 * declared on an enclosing state (`established` —CLOSE→ `finWait1`) matches a change out of any
 * of its children; a target that is a compound state matches the child it entered. The most
 * specific declaration wins. Null when no edge matches (then the diagram and the trace disagree).
 */
export function edgeForChange(graph: StateGraph, from: string, to: string): StateGraphEdge | null {
  const froms = ancestorsOrSelf(graph, from);
  const tos = ancestorsOrSelf(graph, to);
  let best: StateGraphEdge | null = null;
  let bestScore = Infinity;
  for (const e of graph.edges) {
    const i = froms.indexOf(e.from);
    const j = tos.indexOf(e.to);
    if (i < 0 || j < 0) continue;
    const score = i + j;
    if (score < bestScore) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}
