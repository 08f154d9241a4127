// Processes and servers for the end-to-end tests: daffi-router, Python workers and Service, the
// C++ demo worker, a static file server and headless Chromium. Everything binds 127.0.0.1, ports
// come from the kernel (port 0), and every process started here is killed by killAll() (also on
// exit, so an aborted run leaves nothing behind).
'use strict';
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const JS_ROOT = path.resolve(__dirname, '..', '..');
const REPO = path.resolve(JS_ROOT, '..');
const BUILD_DIR = process.env.BUILD_DIR ? path.resolve(process.env.BUILD_DIR) : path.join(REPO, 'build');
const ROUTER = process.env.DAFFI_ROUTER || path.join(BUILD_DIR, 'app', 'router', 'daffi-router');
const DAFFI_CALL = process.env.DAFFI_CALL || path.join(BUILD_DIR, 'app', 'call', 'daffi-call');
// The one switch between the reference daffi (today) and our package (once python/ lands).
const PYTHON = process.env.DAFFI_PYTHON || path.join(BUILD_DIR, 'venv-py', 'bin', 'python');   // run.sh sets PYTHONPATH to our package
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TLS_DIR = path.join(REPO, 'tests', 'data', 'tls');
const PEERS = path.join(JS_ROOT, 'test', 'peers');
const LOG_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'daffi-js-e2e-'));

const children = new Set();

process.on('exit', () => {
    for (const c of children) { try { c.kill('SIGKILL'); } catch (e) { /* gone */ } }
});

/** A child process whose stdout lines are kept; resolves waitFor(regex) when one matches. */
class Proc {
    constructor(label, argv, opts = {}) {
        this.label = label;
        this.lines = [];
        this.waiters = [];
        this.stderrPath = path.join(LOG_DIR, `${label}-${Date.now()}.stderr`);
        const errFd = fs.openSync(this.stderrPath, 'w');
        this.child = spawn(argv[0], argv.slice(1), {
            stdio: ['pipe', 'pipe', errFd],
            env: { ...process.env, PYTHONUNBUFFERED: '1', ...(opts.env || {}) },
        });
        fs.closeSync(errFd);
        children.add(this.child);
        this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => {
            children.delete(this.child);
            this.exitCode = code;
            this.signal = signal;
            for (const w of this.waiters) w.reject(new Error(`${label} exited (code ${code}, signal ${signal}) before printing ${w.re}; stderr: ${this.stderr()}`));
            this.waiters = [];
            resolve({ code, signal });
        }));
        this.child.on('error', (e) => { for (const w of this.waiters) w.reject(e); this.waiters = []; });
        readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
            this.lines.push(line);
            for (const w of this.waiters.slice()) {
                const m = w.re.exec(line);
                if (m) { this.waiters.splice(this.waiters.indexOf(w), 1); w.resolve(m); }
            }
        });
    }
    stderr() { try { return fs.readFileSync(this.stderrPath, 'utf8').slice(-2000); } catch (e) { return ''; } }
    waitFor(re, ms = 20000) {
        for (const line of this.lines) { const m = re.exec(line); if (m) return Promise.resolve(m); }
        if (this.exitCode !== undefined) return Promise.reject(new Error(`${this.label} already exited`));
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                const i = this.waiters.indexOf(w);
                if (i >= 0) { this.waiters.splice(i, 1); reject(new Error(`${this.label} did not print ${re} within ${ms} ms; stdout: ${this.lines.join(' | ')}; stderr: ${this.stderr()}`)); }
            }, ms);
            const w = {
                re,
                resolve: (m) => { clearTimeout(timer); resolve(m); },
                reject: (e) => { clearTimeout(timer); reject(e); },
            };
            this.waiters.push(w);
        });
    }
    /** SIGTERM, then SIGKILL after graceMs; resolves once the process is gone. */
    async stop(signal = 'SIGTERM', graceMs = 3000) {
        if (this.exitCode !== undefined || this.signal) return this.exited;
        try { this.child.stdin.end(); } catch (e) { /* closed */ }
        try { this.child.kill(signal); } catch (e) { /* gone */ }
        const t = setTimeout(() => { try { this.child.kill('SIGKILL'); } catch (e) { /* gone */ } }, graceMs);
        await this.exited;
        clearTimeout(t);
        return this.exited;
    }
}

async function startRouter({ port = 0, tls = false } = {}) {
    if (!fs.existsSync(ROUTER)) throw new Error(`daffi-router not found at ${ROUTER}: build the project first (scripts/test.sh does)`);
    const argv = [ROUTER, '--host', '127.0.0.1', '--port', String(port)];
    if (tls) argv.push('--tls-cert', path.join(TLS_DIR, 'server.crt'), '--tls-key', path.join(TLS_DIR, 'server.key'));
    const p = new Proc('router', argv);
    const m = await p.waitFor(/^daffi-router listening on (tcp|tls):\/\/127\.0\.0\.1:(\d+)/, 10000);
    p.port = Number(m[2]);
    p.wsUrl = `${tls ? 'wss' : 'ws'}://127.0.0.1:${p.port}`;
    return p;
}

async function startWorker(name, port) {
    const p = new Proc(`worker-${name}`, [PYTHON, path.join(PEERS, 'worker.py'), '--name', name, '--port', String(port)]);
    await p.waitFor(/^READY$/, 20000);
    return p;
}

async function startService(name) {
    const port = await freePort();
    const p = new Proc(`service-${name}`, [PYTHON, path.join(PEERS, 'service.py'), '--name', name, '--port', String(port)]);
    await p.waitFor(/^READY$/, 20000);
    p.port = port;
    p.wsUrl = `ws://127.0.0.1:${port}`;
    return p;
}

/** The C++ demo worker (add, echo, fail, ...) over TLS, verifying the router against the test CA. */
async function startTlsWorker(name, port) {
    const p = new Proc(`cxx-${name}`, [DAFFI_CALL, '--connect', `tls://127.0.0.1:${port}`, '--tls-ca', path.join(TLS_DIR, 'ca.crt'), '--name', name, 'serve']);
    return p;
}

function freePort() {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.on('error', reject);
        s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json' };

/** Serves the files under root (js-client/) on 127.0.0.1:<port 0>; never anything outside it. */
function startStatic(root = JS_ROOT) {
    return new Promise((resolve) => {
        const server = http.createServer((req, res) => {
            const url = new URL(req.url, 'http://127.0.0.1');
            let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
            if (!file.startsWith(root + path.sep) && file !== root) { res.writeHead(403).end(); return; }
            if (file.endsWith(path.sep)) file = path.join(file, 'index.html');
            fs.readFile(file, (err, data) => {
                if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
                res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' }).end(data);
            });
        });
        server.listen(0, '127.0.0.1', () => {
            server.origin = `http://127.0.0.1:${server.address().port}`;
            resolve(server);
        });
    });
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Headless Debian Chromium through playwright-core (which gives it a fresh temporary profile). */
async function launchBrowser(extraArgs = []) {
    const { chromium } = require('playwright-core');
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (scripts/setup.sh lists it)`);
    return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs], timeout: 30000 });
}

/** base64(sha256(SubjectPublicKeyInfo)) of a PEM certificate: what --ignore-certificate-errors-spki-list takes. */
function spkiHash(certPath) {
    const cert = new crypto.X509Certificate(fs.readFileSync(certPath));
    const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
    return crypto.createHash('sha256').update(spki).digest('base64');
}

async function killAll() {
    await Promise.all([...children].map((c) => new Promise((resolve) => {
        if (c.exitCode !== null || c.signalCode !== null) { resolve(); return; }
        c.once('exit', resolve);
        try { c.stdin && c.stdin.end(); } catch (e) { /* closed */ }
        try { c.kill('SIGTERM'); } catch (e) { resolve(); }
        setTimeout(() => { try { c.kill('SIGKILL'); } catch (e) { /* gone */ } }, 3000).unref();
    })));
}

module.exports = {
    JS_ROOT, REPO, BUILD_DIR, ROUTER, DAFFI_CALL, PYTHON, CHROMIUM, TLS_DIR, LOG_DIR,
    Proc, startRouter, startWorker, startService, startTlsWorker, startStatic, launchBrowser, spkiHash, freePort, killAll, children,
};
