/**
 * `<mptcp-playground>`: the playground as a custom element for any docs site, in its own shadow
 * root (page styles stay out, ours stay in). Built as its own ES module (build/embed-build.ts →
 * dist/embed/mptcp-playground.js), loaded with `<script type="module" src=…>`.
 *
 *   <mptcp-playground scenario="handover" lang="zh" views="topology,ladder" controls="timeline" autoplay seed="7" theme="dark">
 *
 * API: `el.load(idUrlOrJson)`, `el.play()`, `el.pause()`, `el.seek(seconds)`; events (bubbling,
 * composed) `mptcp-ready`, `mptcp-run` (detail: RunInfo), `mptcp-time` (detail: { t }),
 * `mptcp-error` (detail: { problems }). Options: src/embed/options.ts.
 */
import { mount, unmount } from 'svelte';
import appCss from '../ui/app.css?inline';
import { installMptcpWire } from '../core/wire/mptcp/index';
import { LOCALE_TAGS, locale } from '../i18n/locale.svelte';
import EmbedView from './EmbedView.svelte';
import type { RunInfo } from './run-info';
import type { ScenarioProblem } from '../ui/worker-protocol';
import { langOf, parseEmbedOptions, type EmbedOptions } from './options';
import { EMBED_ROOT_CLASS, shadowCss } from './shadow-css';
import { makeSimWorker } from './worker';

export const ELEMENT_NAME = 'mptcp-playground';

interface ViewApi {
  load(value: unknown): Promise<void>;
  play(): void;
  pause(): void;
  seek(seconds: number): void;
}

let sheetText: string | null = null;

export class MptcpPlaygroundElement extends HTMLElement {
  static observedAttributes = ['scenario', 'lang', 'views', 'controls', 'autoplay', 'seed', 'theme'];

  #shadow: ShadowRoot;
  #view: (ViewApi & Record<string, unknown>) | null = null;
  #container: HTMLElement | null = null;
  /** Calls made before the element was connected, replayed once it is. */
  #queued: ((v: ViewApi) => void)[] = [];
  #ready = false;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
  }

  /** True once `mptcp-ready` was dispatched. */
  get ready(): boolean {
    return this.#ready;
  }

  connectedCallback(): void {
    this.#render();
  }

  disconnectedCallback(): void {
    this.#teardown();
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value || !this.#view) return;
    if (name === 'scenario') {
      if (value) void this.#view.load(value);
    } else if (name === 'theme') {
      // pure CSS (the :host([theme]) rules)
    } else this.#render();
  }

  load(value: unknown): Promise<void> {
    return this.#call((v) => v.load(value));
  }

  play(): void {
    void this.#call((v) => v.play());
  }

  pause(): void {
    void this.#call((v) => v.pause());
  }

  seek(seconds: number): void {
    void this.#call((v) => v.seek(Number(seconds)));
  }

  #call<T>(f: (v: ViewApi) => T): Promise<Awaited<T>> {
    if (this.#view) return Promise.resolve(f(this.#view));
    return new Promise((ok) => this.#queued.push((v) => ok(f(v) as Awaited<T>)));
  }

  #emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #teardown(): void {
    if (this.#view) void unmount(this.#view);
    this.#view = null;
    this.#container?.remove();
    this.#container = null;
  }

  #render(): void {
    this.#teardown();
    const { options, problems } = parseEmbedOptions((n) => this.getAttribute(n));
    for (const p of problems) console.warn(`<${ELEMENT_NAME}> ${p.option}="${p.value}" ignored; allowed: ${p.expected}`);
    const lang = options.lang ?? langOf(document.documentElement.lang) ?? 'en';
    // one language per page (the app's locale is shared); not remembered in the page's storage
    locale.current = lang;
    if (!this.#shadow.querySelector('style[data-embed-base]')) {
      const style = document.createElement('style');
      style.dataset.embedBase = '';
      style.textContent = sheetText ??= shadowCss(appCss);
      this.#shadow.prepend(style);
    }
    const container = document.createElement('div');
    container.className = EMBED_ROOT_CLASS;
    container.lang = LOCALE_TAGS[lang];
    this.#shadow.append(container);
    this.#container = container;
    const opts: EmbedOptions = options;
    this.#view = mount(EmbedView, {
      target: container,
      props: {
        options: opts,
        optionProblems: problems,
        makeWorker: makeSimWorker,
        baseUrl: document.baseURI,
        appUrl: opts.controls === 'full' ? new URL(/* @vite-ignore */ '../index.html', import.meta.url).href : null,
        onready: () => {
          queueMicrotask(() => {
            const q = this.#queued.splice(0);
            for (const f of q) if (this.#view) f(this.#view);
            if (!this.#ready) {
              this.#ready = true;
              this.#emit('mptcp-ready', { lang });
            }
          });
        },
        onrun: (info: RunInfo) => this.#emit('mptcp-run', info),
        ontime: (t: number) => this.#emit('mptcp-time', { t }),
        onfail: (problems: ScenarioProblem[]) => this.#emit('mptcp-error', { problems }),
      },
    }) as ViewApi & Record<string, unknown>;
  }
}

installMptcpWire();
if (!customElements.get(ELEMENT_NAME)) customElements.define(ELEMENT_NAME, MptcpPlaygroundElement);

declare global {
  interface HTMLElementTagNameMap {
    'mptcp-playground': MptcpPlaygroundElement;
  }
}
