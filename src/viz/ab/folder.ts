/**
 * A kernel-ref result folder chosen in the page (issue 8 item 2): which of the chosen files is the
 * run's `summary.json` and which capture goes with it, and the summary read and checked. Pure (the
 * component reads the File objects). kernel-ref writes one folder per run: summary.json
 * (`kernel-ref-summary/1`, with the normalised scenario it ran), merged-<view>.pcapng (all paths,
 * seen from the capture side), path<K>-<if>.pcapng, client_result.json, server_result.json,
 * wire_stats.json, commands.log (../shared/kernel-ref/README.md).
 *
 * Every problem is a located error: which file, and where in it (a JSON line:column or a key).
 */
import type { CompareSummary } from '../../core/export/compare-rows';
import { toRawScenario } from '../../core/linux/scenario-fork';
import { validateScenario } from '../../core/scenario/validate';
import type { Scenario } from '../../core/scenario/types';

export interface PickedFile {
  /** File name. */
  name: string;
  /** Path inside the chosen folder (webkitRelativePath), or the name for loose files. */
  path: string;
}

export interface FolderError {
  /** The file (or folder) the problem is in. */
  file: string;
  /** Where in the file: `line 3, column 5`, a key such as `schema`, or '' for the file as a whole. */
  where: string;
  message: string;
}

export type FolderPick = { ok: true; summary: number; capture: number | null; folder: string } | { ok: false; error: FolderError };

const dirOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const isCapture = (n: string): boolean => /\.(pcapng|pcap)$/i.test(n);

/**
 * The summary.json among `files` and the capture next to it (merged-server.pcapng, else another
 * merged-*.pcapng, else the first per-path capture; null when the folder holds none).
 */
export function pickResultFiles(files: readonly PickedFile[], view: 'server' | 'client' = 'server'): FolderPick {
  if (files.length === 0) return { ok: false, error: { file: '', where: '', message: 'no files were chosen' } };
  const summaries = files.map((f, i) => ({ f, i })).filter(({ f }) => f.name === 'summary.json');
  const top = files[0].path.includes('/') ? files[0].path.split('/')[0] : '';
  if (summaries.length === 0) {
    const names = [...new Set(files.map((f) => f.name))].sort().slice(0, 6).join(', ');
    return { ok: false, error: { file: top || files[0].name, where: '', message: `no summary.json among the chosen files (${names}${files.length > 6 ? ', …' : ''}): not a kernel-ref result folder, which holds summary.json and its captures` } };
  }
  const dirs = [...new Set(summaries.map(({ f }) => dirOf(f.path)))];
  if (dirs.length > 1) {
    return { ok: false, error: { file: top, where: '', message: `this folder holds ${dirs.length} kernel-ref results (${dirs.map((d) => d.split('/').pop()).sort().join(', ')}): choose one of them` } };
  }
  const s = summaries[0];
  const dir = dirOf(s.f.path);
  const caps = files.map((f, i) => ({ f, i })).filter(({ f }) => isCapture(f.name) && dirOf(f.path) === dir);
  const pick = caps.find(({ f }) => f.name === `merged-${view}.pcapng`) ?? caps.find(({ f }) => f.name.startsWith('merged-')) ?? caps.sort((x, y) => (x.f.name < y.f.name ? -1 : 1))[0];
  return { ok: true, summary: s.i, capture: pick ? pick.i : null, folder: dir || top };
}

/** "line L, column C" of character offset `pos` in `text`. */
function lineCol(text: string, pos: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return `line ${line}, column ${col}`;
}

export interface KernelResult {
  summary: CompareSummary;
  /** The scenario it ran, as a kernel-ref-scenario/1 file (validated). */
  scenarioRaw: Record<string, unknown>;
  scenario: Scenario;
  name: string;
  kernel: string;
  /** Where the capture was taken (summary.view / capture.side): server unless it says client. */
  view: 'server' | 'client';
  /** t = 0 of the summary (the client's connect()), ns since the epoch as a decimal string (µs precision), or null. */
  t0EpochNs: string | null;
}

export type KernelResultParse = { ok: true; value: KernelResult } | { ok: false; errors: FolderError[] };

/** Reads a kernel-ref summary.json's text. `file` names it in errors (e.g. `a_aggregation/summary.json`). */
export function parseKernelSummary(text: string, file = 'summary.json'): KernelResultParse {
  const fail = (where: string, message: string): KernelResultParse => ({ ok: false, errors: [{ file, where, message }] });
  let s: unknown;
  try {
    s = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    return fail(m ? lineCol(text, Number(m[1])) : '', `not valid JSON: ${msg}`);
  }
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return fail('', 'must be a JSON object (a kernel-ref-summary/1)');
  const o = s as Record<string, any>;
  if (o.schema !== 'kernel-ref-summary/1') return fail('schema', `is ${JSON.stringify(o.schema ?? null)}, not "kernel-ref-summary/1": not a kernel-ref result`);
  if (typeof o.scenario !== 'object' || o.scenario === null || Array.isArray(o.scenario)) return fail('scenario', 'missing: the summary does not say which scenario ran');
  if (typeof o.app !== 'object' || o.app === null) return fail('app', 'missing: the summary has no application result');
  let raw: Record<string, unknown>;
  try {
    raw = toRawScenario(o.scenario as Scenario);
  } catch (e) {
    return fail('scenario', `not a normalised kernel-ref-scenario/1 (${e instanceof Error ? e.message : String(e)})`);
  }
  const v = validateScenario(raw);
  if (!v.ok) return { ok: false, errors: v.errors.map((er) => ({ file, where: er.path.replace(/^scenario/, 'scenario'), message: er.message })) };
  const view = o.view === 'client' || (o.view === undefined && o.capture?.side === 'client') ? 'client' : 'server';
  const t0 = typeof o.t0_epoch === 'number' && Number.isFinite(o.t0_epoch) ? (BigInt(Math.round(o.t0_epoch * 1e6)) * 1000n).toString() : null;
  return {
    ok: true,
    value: { summary: o, scenarioRaw: raw, scenario: v.scenario, name: String(o.scenario_name ?? v.scenario.name), kernel: String(o.environment?.kernel ?? '?'), view, t0EpochNs: t0 },
  };
}
