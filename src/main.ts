/** Browser entry: global styles, theme, then the Svelte app. */
import { mount } from 'svelte';
import './ui/app.css';
import { theme } from './ui/theme.svelte';
import Root from './ui/Root.svelte';
import { installMptcpWire } from './core/wire/mptcp/index';
import { registerServiceWorker } from './embed/register-sw';

// MPTCP option records are sized and decoded by the wire codec on the page too (frame lengths, inspector)
installMptcpWire();
theme.apply();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const app = mount(Root, { target });

// offline after one visit (build/sw.js; production builds only)
registerServiceWorker('./sw.js');

export default app;
