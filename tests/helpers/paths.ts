/** Paths the tests need, relative to this checkout (CI clones the repo with ../shared beside it). */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = resolve(REPO_ROOT, '../shared');
export const KERNEL_REF = resolve(SHARED, 'kernel-ref');
