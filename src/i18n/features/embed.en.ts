/**
 * English strings of embedding (the `<mptcp-playground>` element, the embed.html iframe route and the
 * docs page docs/embedding.html); merged into en.ts, zh twin in embed.zh.ts.
 */
export const embedEn = {
  /** Accessible name of an embedded playground; {scenario} is the scenario's name. */
  embeddingLabel: 'MPTCP playground: {scenario}',
  /** Shown while the scenario file is being fetched or the gallery loaded. */
  embeddingLoading: 'Loading the scenario…',
  /** Shown while the first run is computed. */
  embeddingRunning: 'Simulating…',
  /** No scenario was given. */
  embeddingNoScenario: 'No scenario yet: set scenario= (a gallery id or the URL of a scenario file) or call load().',
  /** An option had a bad value and its default is used; {option} and {value} as the embedder wrote them, {expected} the allowed values (literal tokens). */
  embeddingBadOption: 'Option {option}="{value}" was ignored; allowed: {expected}.',
  /** The simulation failed; {message} is the reason. */
  embeddingFailed: 'The simulation failed: {message}',
  /** Button (controls=full) that runs the scenario again. */
  embeddingRerun: 'Run again',
  /** Name of a scenario given as JSON (not a gallery id or a file). */
  embeddingInlineScenario: 'scenario',
  /** Small link under an embed to the full app. */
  embeddingPoweredBy: 'Open the MPTCP Playground',

  /** Docs page: title. */
  embedDocsTitle: 'Embedding the MPTCP Playground',
  /** Docs page: introduction. */
  embedDocsIntro:
    'Put a live, deterministic Multipath TCP simulation into any page: as a custom element (one script, styles kept apart in a shadow root) or as an iframe (fully isolated, driven with postMessage). Both take the same options. Both work offline once the site has been visited.',
  /** Docs page: heading of the custom-element section. */
  embedDocsElementHeading: 'Custom element',
  /** Docs page: explanation of the custom element. */
  embedDocsElementText:
    'Load the module from where the playground is published and write the element. The server of the script must allow cross-origin requests (CORS), as GitHub Pages does. One language per page: the last element’s lang wins.',
  /** Docs page: heading of the iframe section. */
  embedDocsIframeHeading: 'Iframe',
  /** Docs page: explanation of the iframe. */
  embedDocsIframeText:
    'embed.html takes the options as query parameters. It posts its content height to the parent, so the page can size the frame. Messages are accepted only from the origins listed in parent-origin (comma-separated); without it the frame takes no commands and posts events to nobody, except its height.',
  /** Docs page: heading of the options table. */
  embedDocsOptionsHeading: 'Options',
  /** Docs page: column header. */
  embedDocsOption: 'Option',
  /** Docs page: column header. */
  embedDocsMeaning: 'Meaning',
  /** Docs page: meaning of scenario. */
  embedDocsOptScenario: 'a gallery id (handover, backup, aggregation, middlebox-fallback, add-addr, plain-tcp…) or the URL of a kernel-ref-scenario/1 JSON file (at most 2 MB)',
  /** Docs page: meaning of lang. */
  embedDocsOptLang: 'en or zh; default: the page’s <html lang>',
  /** Docs page: meaning of views. */
  embedDocsOptViews: 'comma list of topology, ladder, inspector, diagrams, console (the timeline is always there); default: topology',
  /** Docs page: meaning of controls. */
  embedDocsOptControls: 'none (the API drives it), timeline (default), or full (timeline and a Run again button)',
  /** Docs page: meaning of autoplay. */
  embedDocsOptAutoplay: 'play the run as soon as it is computed',
  /** Docs page: meaning of seed. */
  embedDocsOptSeed: 'overrides the scenario’s seed (0 to 4294967295)',
  /** Docs page: meaning of theme. */
  embedDocsOptTheme: 'light or dark; default: the reader’s system setting',
  /** Docs page: meaning of parent-origin. */
  embedDocsOptParentOrigin: 'iframe only: origins that may send commands and receive events',
  /** Docs page: heading of the API section. */
  embedDocsApiHeading: 'API',
  /** Docs page: explanation of the element API. */
  embedDocsApiText:
    'Methods: load(idUrlOrJson), play(), pause(), seek(seconds). Events: mptcp-ready, mptcp-run (detail: the run’s basics), mptcp-time (detail.t, at most ten a second). The iframe takes the same commands as messages {type: "mptcp-playground:load" | "…:play" | "…:pause" | "…:seek", scenario?, t?} and posts mptcp-playground:ready, :run, :time and :height.',
  /** Docs page: heading of the live demo. */
  embedDocsLiveHeading: 'Live',
  /** Docs page: label of the demo buttons' group. */
  embedDocsDemoControls: 'Drive the element',
  /** Docs page: demo button. */
  embedDocsPlay: 'Play',
  /** Docs page: demo button. */
  embedDocsPause: 'Pause',
  /** Docs page: demo button; {s} seconds. */
  embedDocsSeek: 'Go to {s} s',
  /** Docs page: demo button that loads another gallery scenario; {id} is its id. */
  embedDocsLoad: 'Load {id}',
  /** Docs page: the last event the element sent; {event}, {detail}. */
  embedDocsLastEvent: 'Last event: {event} {detail}',
  /** Docs page: heading of the offline note. */
  embedDocsOfflineHeading: 'Offline',
  /** Docs page: offline note. */
  embedDocsOfflineText:
    'After one visit, a service worker keeps every file of the site (app, lessons, exercises, embed bundle), so pages and embeds served from this site keep working without a network.',
  /** Docs page: caption of the code snippets. */
  embedDocsCopy: 'Copy and paste:',
  /** Docs page: link back to the app. */
  embedDocsBack: 'Back to the playground',
} as const;
