/**
 * The page's side of share links (share.ts does the encoding): open the link in the address bar
 * when the page loads or the hash changes, remember why a link was refused, and make a link to the
 * current run (copied to the clipboard and put into the address bar).
 */
import { decodeShare, encodeShare, shareParam, shareUrl, type ShareError, type SharedRun } from './share';

export type CopyState = 'idle' | 'copied' | 'manual';

export class ShareSession {
  /** Why the link in the address bar was refused (null: no link, or it opened). */
  problem = $state.raw<ShareError | null>(null);
  /** The last link made, and what became of copying it. */
  link = $state('');
  copy = $state<CopyState>('idle');
  #seq = 0;

  /** Open the address bar's link, if it has one; `apply` loads a good one into the page. */
  async openFromLocation(apply: (run: SharedRun) => void): Promise<void> {
    const value = shareParam(globalThis.location?.hash ?? '');
    if (value === null) return;
    const seq = ++this.#seq;
    const r = await decodeShare(value);
    if (seq !== this.#seq) return; // a newer hash won
    if (r.ok) {
      this.problem = null;
      apply(r.run);
    } else {
      this.problem = r.error;
    }
  }

  /** Forget the refused link and take it out of the address bar (so a reload does not refuse it again). */
  dismiss(): void {
    this.problem = null;
    try {
      history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    } catch {
      // an opaque origin or a sandbox: the message is gone anyway
    }
  }

  /** Make a link to `run`, put it into the address bar and try the clipboard. */
  async share(run: SharedRun): Promise<void> {
    const url = shareUrl(location.href, await encodeShare(run));
    this.link = url;
    try {
      history.replaceState(history.state, '', url);
    } catch {
      // the link is still shown and copied
    }
    try {
      await navigator.clipboard.writeText(url);
      this.copy = 'copied';
    } catch {
      this.copy = 'manual'; // no permission (or no clipboard API): the field shows the link
    }
  }
}
