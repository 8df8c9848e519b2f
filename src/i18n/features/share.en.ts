/** English strings of the share view (merged into en.ts; zh twin in share.zh.ts). */
export const shareEn = {
  /** Button that puts a link to the current run (scenario, seed, view) into the clipboard and the address bar. */
  shareCopy: 'Copy link',
  /** Status after the link was copied. */
  shareCopied: 'Link copied: it opens this run with the same scenario, seed and view.',
  /** Status when the clipboard refused; the link is shown in a field under it. */
  shareCopyManual: 'Copy the link from the field below.',
  /** Label of the read-only field holding the link. */
  shareLinkLabel: 'Link to this run',
  /** Heading of the message shown when the page's link could not be opened. */
  shareProblemHeading: 'This link could not be opened',
  /** Sentence after the explanation. */
  shareProblemDefault: 'The default scenario is shown instead.',
  /** Label before the technical detail of the problem. */
  shareDetail: 'Detail',
  /** Button that closes the message and removes the bad link from the address bar. */
  shareDismiss: 'Dismiss',
  /** Explanation of a link that is too long. */
  shareErrTooLong: 'The link is too long to hold a scenario.',
  /** Explanation of a link in an unknown format. */
  shareErrBadFormat: 'This is not a playground link, or it was cut short.',
  /** Explanation of a link with characters that are not base64url. */
  shareErrBadBase64: 'The link contains characters a playground link never has: it was probably changed or cut.',
  /** Explanation of damaged compressed data. */
  shareErrBadCompression: 'The compressed data in the link is damaged or incomplete.',
  /** Explanation of a link that unpacks to too much data. */
  shareErrTooLarge: 'The link unpacks to more data than a scenario may have.',
  /** Explanation of a link whose data is not UTF-8 text. */
  shareErrBadText: 'The link does not contain readable text.',
  /** Explanation of a link whose data is not JSON. */
  shareErrBadJson: 'The content of the link is not valid JSON.',
  /** Explanation of a link containing __proto__, constructor or prototype keys. */
  shareErrForbiddenKey: 'The link contains a key that is refused for safety.',
  /** Explanation of a link with a field of the wrong type or value. */
  shareErrBadField: 'A field of the link has the wrong type or value.',
  /** Explanation of a link from another version. */
  shareErrBadVersion: 'The link was made by another version of the playground.',
  /** Explanation of a link whose scenario does not validate; its problems follow. */
  shareErrInvalidScenario: 'The scenario in the link is not valid:',
} as const;
