import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EMBED_ROOT_CLASS, shadowCss } from '../../../src/embed/shadow-css';

describe('the app stylesheet in a shadow root', () => {
  it('moves :root, html and body rules onto the host and the embed root', () => {
    const css = shadowCss(`:root { --a: 1; }
:root[data-theme='dark'] { --a: 2; }
@media (prefers-color-scheme: dark) { :root:not([data-theme='light']) { --a: 3; } }
html { x: 1; }
body { margin: 0; }
.tbody, .html-x { y: 1; }`);
    expect(css).toContain(':host { --a: 1; }');
    expect(css).toContain(":host([theme='dark']) { --a: 2; }");
    expect(css).toContain(":host(:not([theme='light'])) { --a: 3; }");
    expect(css).toContain(':host { x: 1; }');
    expect(css).toContain(`.${EMBED_ROOT_CLASS} { margin: 0; }`);
    expect(css).toContain('.tbody, .html-x { y: 1; }');
    expect(css).not.toMatch(/:root|data-theme|(^|\s)body\s*\{/m);
    // the reset comes first, so the page's inherited styles stop at the host
    expect(css.indexOf('all: initial')).toBeLessThan(css.indexOf('--a: 1'));
  });

  it('leaves no selector of the real app.css that could match outside the shadow root', () => {
    const css = shadowCss(readFileSync(resolve(import.meta.dirname, '../../../src/ui/app.css'), 'utf8'));
    expect(css).not.toMatch(/:root|\[data-theme/);
    expect(css).not.toMatch(/(^|[\s,}])(html|body)\s*[{,]/m);
    expect(css).toContain('--accent:');
  });
});
