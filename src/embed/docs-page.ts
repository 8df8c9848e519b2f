/**
 * docs/embedding.html: how to embed the playground, both ways, in English and Chinese, with live
 * examples (the custom element loaded from this site's embed bundle, and the iframe route).
 */
import { mount } from 'svelte';
import '../ui/app.css';
import { theme } from '../ui/theme.svelte';
import DocsPage from './DocsPage.svelte';
import { registerServiceWorker } from './register-sw';

theme.apply();
const target = document.getElementById('app');
if (!target) throw new Error('docs/embedding.html has no #app element');
mount(DocsPage, { target });
registerServiceWorker('../sw.js');
