/** The lesson folders as the page lists them (content/lessons/NN-slug), read from disk in node. */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const lessonSlugs: string[] = readdirSync(resolve(import.meta.dirname, '../../../content/lessons'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
  .map((d) => d.name)
  .sort();
