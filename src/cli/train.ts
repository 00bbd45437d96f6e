// `gotrap train`: serves the trainer and playground (the static site `npm run build:web` writes
// to site/) on 127.0.0.1 and prints the URL. Everything runs in the browser; this server only
// hands out files, with the right content types (.wasm as application/wasm).

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The built site in the package: <package>/site, next to dist/. */
export function siteDir(): string {
  // This file is dist/src/cli/train.js once compiled.
  return resolve(fileURLToPath(new URL('../../../site', import.meta.url)));
}

export interface SiteServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export class SiteMissingError extends Error {}

/** Serves `dir` on host:port (port 0: any free port). Only GET and HEAD; nothing outside `dir`. */
export function serveSite(dir: string, opts: { port?: number; host?: string } = {}): Promise<SiteServer> {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    return Promise.reject(
      new SiteMissingError(
        `the trainer is not built: ${join(root, 'index.html')} is missing (run \`npm run build:web\`)`,
      ),
    );
  }
  const host = opts.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    const hashed = file.startsWith(join(root, 'assets') + sep);
    res.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      // Asset names carry a content hash; the page and the service worker must be fresh.
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      ok({
        url: `http://${host}:${port}/`,
        server,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** Serves the packaged site until Ctrl-C. */
export async function train(opts: { port: number; host?: string; dir?: string }): Promise<void> {
  const site = await serveSite(opts.dir ?? siteDir(), { port: opts.port, host: opts.host });
  process.stdout.write(`gotrap trainer: ${site.url}\n(Ctrl-C to stop)\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      site.server.closeAllConnections();
      void site.close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
