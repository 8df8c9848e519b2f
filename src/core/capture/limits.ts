/** The page refuses captures bigger than this (the CLI's limit is 1 GB): a clear message, not a frozen tab. */
export const PAGE_MAX_CAPTURE_BYTES = 200 * 1024 * 1024;
