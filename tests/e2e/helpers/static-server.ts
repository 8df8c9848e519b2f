/**
 * A tiny static file server for the built app (dist/): node:http on 127.0.0.1, a random free port,
 * correct MIME types (module scripts must be text/javascript; wasm needs application/wasm for
 * streaming compilation). No directory listings, no path escapes out of the root.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

export const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.pcapng': 'application/octet-stream',
};

export interface StaticServer {
  url: string;
  /** Every request path that got a 404, so tests can fail on missing assets. */
  notFound: string[];
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Send `Access-Control-Allow-Origin: *` (module scripts and workers loaded by a page on another origin need it). */
  cors?: boolean;
}

export async function serveStatic(rootDir: string, opts: ServeOptions = {}): Promise<StaticServer> {
  const root = resolve(rootDir);
  const notFound: string[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      let file = normalize(join(root, urlPath));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'content-length': body.length,
          'cache-control': 'no-store',
          ...(opts.cors ? { 'access-control-allow-origin': '*' } : {}),
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch {
        notFound.push(urlPath);
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      }
    })();
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    notFound,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
