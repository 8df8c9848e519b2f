/**
 * The copy-paste snippets of the embedding docs page, with the site's real addresses filled in.
 * Pure, so it is unit-tested (the snippets must use the options the embed reads).
 */
import type { LocaleId } from '../i18n/locale.svelte';

export interface SnippetInput {
  /** Address of the published site's root, ending in `/`. */
  siteRoot: string;
  /** Origin of the page the snippet goes into. */
  hostOrigin: string;
  scenario: string;
  lang: LocaleId;
  views: string[];
}

export function elementSnippet(s: SnippetInput): string {
  return [
    `<script type="module" src="${s.siteRoot}embed/mptcp-playground.js"></script>`,
    `<mptcp-playground scenario="${s.scenario}" lang="${s.lang}" views="${s.views.join(',')}" controls="timeline"></mptcp-playground>`,
    '<script type="module">',
    "  const el = document.querySelector('mptcp-playground');",
    "  el.addEventListener('mptcp-run', (e) => console.log(e.detail.subflows, 'subflows'));",
    '  el.seek(0.5);',
    '</script>',
  ].join('\n');
}

export function iframeSrc(s: SnippetInput): string {
  const q = new URLSearchParams({ scenario: s.scenario, lang: s.lang, views: s.views.join(','), controls: 'timeline', 'parent-origin': s.hostOrigin });
  return `${s.siteRoot}embed.html?${q.toString()}`;
}

export function iframeSnippet(s: SnippetInput): string {
  return [
    `<iframe id="mptcp" src="${iframeSrc(s).replaceAll('&', '&amp;')}" style="width:100%;border:0" height="600" title="MPTCP playground"></iframe>`,
    '<script>',
    "  const frame = document.getElementById('mptcp');",
    `  const origin = ${JSON.stringify(new URL(s.siteRoot).origin)};`,
    "  addEventListener('message', (e) => {",
    '    if (e.origin !== origin || e.source !== frame.contentWindow) return;',
    "    if (e.data.type === 'mptcp-playground:height') frame.height = e.data.height;",
    "    if (e.data.type === 'mptcp-playground:ready') frame.contentWindow.postMessage({ type: 'mptcp-playground:seek', t: 0.5 }, origin);",
    '  });',
    '</script>',
  ].join('\n');
}
