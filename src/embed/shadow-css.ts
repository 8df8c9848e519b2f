/**
 * The app's global stylesheet (src/ui/app.css) rewritten for a shadow root, so an embedded
 * playground looks like the app while page styles stay out and ours stay in: `:root` becomes
 * `:host` (the design tokens live on the element), `<html>` rules apply to the host, `<body>` rules
 * to the embed's root element, and `<html data-theme>` becomes the element's `theme` attribute.
 * The host and the root element both start from `all: initial` (page rules such as `* {…}` still
 * reach the host element itself, so the root resets again): nothing the page sets is inherited
 * inside. Pure, so it is unit-tested.
 */

/** Class of the element inside the shadow root that plays the part of `<body>`. */
export const EMBED_ROOT_CLASS = 'embed-root';

/** Rules that come before the app's: reset what the host page would let the element inherit. */
const HOST_RESET = `:host { all: initial; display: block; contain: content; }
:host([hidden]) { display: none; }
.${EMBED_ROOT_CLASS} { all: initial; display: block; }
`;

/** Rules after the app's: the root element is not a page (no minimum page width). */
const ROOT_AFTER = `.${EMBED_ROOT_CLASS} { min-width: 0; background: transparent; text-align: start; }
`;

export function shadowCss(appCss: string): string {
  const body = appCss
    // :root[data-theme='dark'], :root:not([data-theme='light']) → :host(…)
    .replace(/:root((?:\[[^\]]*\]|:not\([^)]*\))+)/g, ':host($1)')
    .replace(/:root\b/g, ':host')
    // the element's own `theme` attribute pins light or dark (the app uses <html data-theme>)
    .replace(/\[data-theme=/g, '[theme=')
    .replace(/(^|[\s,}])html(\s*[{,])/g, '$1:host$2')
    .replace(/(^|[\s,}])body(\s*[{,])/g, `$1.${EMBED_ROOT_CLASS}$2`);
  return `${HOST_RESET}${body}\n${ROOT_AFTER}`;
}
