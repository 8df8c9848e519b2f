/** English strings of the expert-views panel (the toggles that open the charts); zh twin in expert.zh.ts. */
export const expertEn = {
  /** Heading of the expert views panel. */
  expertHeading: 'Expert views',
  /** Text under the heading. */
  expertIntro: 'Graphs for a closer look at the run, on the same clock and selection as the views above. Switch on the ones you want; each loads when you open it.',
  /** Accessible name of the group of toggles. */
  expertToggles: 'Show these views',
  /** While a view's code loads. */
  expertLoading: 'Loading the view…',
};
