/**
 * The iframe route (embed.html): the same embedded playground as the custom element, options from
 * the query string (`embed.html?scenario=handover&lang=zh&views=topology,ladder&controls=timeline
 * &parent-origin=https://docs.example.org`), its content height posted to the parent on every
 * resize, and the message API of frame-api.ts. Refused messages are counted in
 * `<html data-refused-messages>` (the browser test reads it).
 */
import { mount } from 'svelte';
import '../ui/app.css';
import { installMptcpWire } from '../core/wire/mptcp/index';
import { LOCALE_TAGS, locale, localeFromLanguage } from '../i18n/locale.svelte';
import EmbedView from './EmbedView.svelte';
import type { RunInfo } from './run-info';
import type { ScenarioProblem } from '../ui/worker-protocol';
import { parseEmbedOptions } from './options';
import { eventMessage, readCommand } from './frame-api';
import { registerServiceWorker } from './register-sw';

installMptcpWire();

const params = new URLSearchParams(globalThis.location.search);
const { options, problems } = parseEmbedOptions((n) => params.get(n));
const lang = options.lang ?? localeFromLanguage(navigator.language);
locale.current = lang;
const root = document.documentElement;
root.lang = LOCALE_TAGS[lang];
if (options.theme) root.dataset.theme = options.theme;

const parent = window.parent !== window ? window.parent : null;
const post = (name: Parameters<typeof eventMessage>[0], detail: Record<string, unknown>): void => {
  if (!parent) return;
  for (const origin of options.parentOrigins) parent.postMessage(eventMessage(name, detail), origin);
};

const target = document.getElementById('app');
if (!target) throw new Error('embed.html has no #app element');

const view = mount(EmbedView, {
  target,
  props: {
    options,
    optionProblems: problems,
    baseUrl: document.baseURI,
    appUrl: options.controls === 'full' ? new URL('./index.html', document.baseURI).href : null,
    onready: () => post('ready', { lang }),
    onrun: (info: RunInfo) => post('run', { ...info }),
    ontime: (t: number) => post('time', { t }),
    onfail: (problems: ScenarioProblem[]) => post('error', { problems }),
  },
}) as { load(v: unknown): Promise<void>; play(): void; pause(): void; seek(s: number): void };

let refused = 0;
root.dataset.refusedMessages = '0';
window.addEventListener('message', (ev: MessageEvent) => {
  const v = readCommand(ev.data, ev.origin, parent !== null && ev.source === parent, options.parentOrigins);
  if (!v.ok) {
    refused++;
    root.dataset.refusedMessages = String(refused);
    return;
  }
  const c = v.command;
  if (c.kind === 'load') void view.load(c.scenario);
  else if (c.kind === 'play') view.play();
  else if (c.kind === 'pause') view.pause();
  else view.seek(c.t);
});

// the content height, to any parent: it reveals nothing and lets a page size the frame
let lastHeight = -1;
new ResizeObserver(() => {
  const height = Math.ceil(target.getBoundingClientRect().height);
  if (height === lastHeight || !parent) return;
  lastHeight = height;
  parent.postMessage(eventMessage('height', { height }), '*');
}).observe(target);

registerServiceWorker('./sw.js');
