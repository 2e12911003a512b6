import compression from 'compression';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm run build` puts the console (apps/console, built by Vite). */
export function consoleDir(root: string): string {
  return join(root, 'dist', 'console');
}

/**
 * The content security policy of every console page: scripts and
 * connections only from the gateway itself, no frames, no plugins, and
 * style sheets only from the gateway or with this response's nonce (Ant
 * Design writes its styles into <style> elements, which carry it). Style
 * attributes are allowed (`style-src-attr`): the component libraries
 * position popups and charts through them, and an attribute holds no
 * selector, so it cannot read the page the way an injected style sheet can.
 */
export function consolePolicy(nonce: string, issuer: string | null): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // The browser reads the OIDC issuer's discovery document and redeems its code there (PKCE).
    `connect-src 'self'${issuer ? ` ${new URL(issuer).origin}` : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The path of a file Vite built into assets/: one name of letters, digits, `.`, `_` and `-` (no encoded separator, no `..`). */
const ASSET = /^\/assets\/(?!\.)[A-Za-z0-9._-]+$/;

/**
 * Serves the console's built files at /console: assets by name (immutable,
 * hashed by Vite), and index.html for every other path under it (the
 * console routes in the browser), with a fresh style nonce in the page and
 * in its Content-Security-Policy. Without a built console, a page that says
 * how to build it.
 */
export function consoleStatic(dir: string, issuer: string | null): RequestHandler[] {
  const assets = express.static(dir, { index: false, immutable: true, maxAge: '365d', fallthrough: true });
  // The console's scripts go out compressed (gzip or brotli, as the browser accepts): a third of their size.
  return [compression(), serve];

  function serve(req: Request, res: Response, next: NextFunction): void {
    // Sign-in endpoints (ConsoleModule) and other methods are Nest's.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api/')) return next();
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    // A built file's own name only: `/assets/..%2findex.html` decodes to the page itself, which went out as an asset,
    // cached for a year, without its Content-Security-Policy (and so frameable).
    if (req.path.startsWith('/assets/')) return ASSET.test(req.path) ? void assets(req, res, next) : next();
    // The console's own routes have no file extension: a missing file is the coded 404 of any unknown path, not the page.
    if (/\.[A-Za-z0-9]+$/.test(req.path)) return next();
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('content-security-policy', consolePolicy(nonce, issuer));
    res.setHeader('cache-control', 'no-store');
    // Read per page view (a few hundred bytes): a console rebuilt under a running gateway is served at once.
    const index = join(dir, 'index.html');
    const page = existsSync(index) ? readFileSync(index, 'utf8') : null;
    if (!page) return void res.status(503).type('text/plain').send('The console is not built: run `npm run build`.\n');
    res.type('html').send(page.replaceAll('__CSP_NONCE__', nonce));
  }
}
