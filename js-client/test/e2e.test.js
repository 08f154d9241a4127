// End-to-end: daffi.js in headless Chromium (Debian's /usr/bin/chromium via playwright-core),
// pages served from 127.0.0.1, against daffi-router with Python workers and a Python Service
// ($DAFFI_PYTHON, today the reference daffi 3.0.1), plus the C++ demo worker over TLS.
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn } = require('node:child_process');
const h = require('./support/harness');

const timings = {};
function note(key, ms) {
    timings[key] = Math.round(ms * 10) / 10;
    console.log(`measured ${key}: ${timings[key]} ms`);
}

let web, browser;

before(async () => {
    web = await h.startStatic();
    browser = await h.launchBrowser();
});

after(async () => {
    if (browser) await browser.close();
    if (web) web.close();
    await h.killAll();
    console.log('# timings ' + JSON.stringify(timings));
});

async function openPage(file = 'test/pages/classic.html') {
    const page = await browser.newPage();
    page.consoleLines = [];
    page.on('console', (m) => page.consoleLines.push(m.text()));
    page.on('pageerror', (e) => page.consoleLines.push('pageerror: ' + e.message));
    await page.goto(`${web.origin}/${file}`);
    return page;
}

describe('router topology: a page and three Python workers on daffi-router', () => {
    let router, workers, page;

    before(async () => {
        router = await h.startRouter();
        const t0 = Date.now();
        workers = await Promise.all(['w1', 'w2', 'w3'].map((n) => h.startWorker(n, router.port)));
        note('3 Python workers ready', Date.now() - t0);
        page = await openPage();
        await page.evaluate(async (url) => {
            window.c = await window.open_('page-main', { wsUrl: url });
            await window.c.conn.waitForMembers(['w1', 'w2', 'w3'], { timeout: 10000 });
        }, router.wsUrl);
    });

    after(async () => {
        if (page) await page.close();
        await Promise.all((workers || []).map((w) => w.stop()));
        if (router) await router.stop();
    });

    it('loads as a classic script: one global DaffiClient, no WebAssembly fetched', async () => {
        const r = await page.evaluate(() => ({
            type: typeof DaffiClient,
            connected: !window.c.closed,
            serverType: window.c.serverType,
            wasm: performance.getEntriesByType('resource').filter((e) => /\.wasm/.test(e.name)).length,
        }));
        assert.deepEqual(r, { type: 'function', connected: true, serverType: 'router', wasm: 0 });
    });

    it('rpc: add(3, 4) = 7, and round-robin spreads calls over the three workers', async () => {
        const r = await page.evaluate(async () => {
            const sum = await c.conn.rpc({ timeout: 5000 }).add(3, 4);
            const who = [];
            for (let i = 0; i < 6; i++) who.push(await c.conn.rpc({ timeout: 5000 }).whoami());
            const t0 = performance.now();
            for (let i = 0; i < 200; i++) await c.conn.rpc({ timeout: 5000 }).add(i, 1);
            return { sum, who, perCall: (performance.now() - t0) / 200 };
        });
        assert.equal(r.sum, 7);
        assert.deepEqual([...new Set(r.who)].sort(), ['w1', 'w2', 'w3']);
        note('sequential JSON rpc round trip (browser→router→Python→back, mean of 200)', r.perCall);
    });

    it('pinned receiver: every call goes to the named worker', async () => {
        const who = await page.evaluate(async () => {
            const out = [];
            for (let i = 0; i < 5; i++) out.push(await c.conn.rpc({ receiver: 'w2', timeout: 5000 }).whoami());
            return out;
        });
        assert.deepEqual(who, ['w2', 'w2', 'w2', 'w2', 'w2']);
        const missing = await page.evaluate(async () => {
            try { await c.conn.rpc({ receiver: 'nobody', timeout: 5000 }).whoami(); return null; } catch (e) { return errInfo(e); }
        });
        assert.equal(missing.name, 'ReceiverNotFound');
        assert.match(missing.message, /Connected peers:[\s\S]*w1/);
    });

    it('remote error: an Error object with the remote type and message, in json, msgpack and raw', async () => {
        const r = await page.evaluate(async () => {
            const out = {};
            for (const serde of ['json', 'msgpack', 'raw']) {
                try { await c.conn.rpc({ receiver: 'w1', timeout: 5000, serde }).fail(); out[serde] = null; } catch (e) { out[serde] = errInfo(e); }
            }
            return out;
        });
        for (const serde of ['json', 'msgpack', 'raw']) {
            assert.equal(r[serde].isError, true, serde);
            assert.equal(r[serde].remote, true, serde);
            assert.equal(r[serde].name, 'ValueError', serde);
            assert.equal(r[serde].type, 'ValueError', serde);
            assert.equal(r[serde].message, 'boom', serde);
            assert.equal(r[serde].module, 'builtins', serde);
            assert.equal(r[serde].receiver, 'w1', serde);
            assert.equal(r[serde].str, 'ValueError: boom', serde);
        }
    });

    it('cast over 3 workers: {member: result}, and a prefix filter', async () => {
        const r = await page.evaluate(async () => ({
            all: await c.conn.cast({ timeout: 5000 }).whoami(),
            sums: await c.conn.cast({ timeout: 5000, serde: 'msgpack' }).add(20, 22),
            some: await c.conn.cast({ receiver: ['w1', 'w3'], timeout: 5000 }).whoami(),
        }));
        assert.deepEqual(r.all, { w1: 'w1', w2: 'w2', w3: 'w3' });
        assert.deepEqual(r.sums, { w1: 42, w2: 42, w3: 42 });
        assert.deepEqual(r.some, { w1: 'w1', w3: 'w3' });
    });

    it('nowait: rpc_nowait and cast_nowait arrive without answers', async () => {
        const r = await page.evaluate(async () => {
            const sent = await c.conn.rpc_nowait({ receiver: 'w1' }).record('one');
            const targets = await c.conn.cast_nowait().record('all');
            // A later rpc to the same worker is served after the nowait ones it queued behind.
            const seen = {};
            for (const w of ['w1', 'w2', 'w3']) {
                for (let i = 0; i < 50; i++) {
                    seen[w] = await c.conn.rpc({ receiver: w, timeout: 5000 }).recorded();
                    if (seen[w].includes('all')) break;
                    await new Promise((res) => setTimeout(res, 20));
                }
            }
            return { sent, targets, seen };
        });
        assert.equal(r.sent, undefined);
        assert.deepEqual([...r.targets].sort(), ['w1', 'w2', 'w3']);
        assert.deepEqual(r.seen.w1, ['one', 'all']);
        assert.deepEqual(r.seen.w2, ['all']);
        assert.deepEqual(r.seen.w3, ['all']);
    });

    it('msgpack: loads vendor/msgpack.min.js by itself; 0x00 bytes, nested values and bytes survive', async () => {
        const r = await page.evaluate(async () => {
            const tagInPage = [...document.scripts].filter((s) => /msgpack/.test(s.src)).length;
            const o = { serde: 'msgpack', receiver: 'w2', timeout: 5000 };
            const add0 = await c.conn.rpc(o).add(0, 4);
            const nested = await c.conn.rpc(o).echo({ a: [1, 2.5, { b: null }], s: 'ü€😀', t: true, big: 2 ** 40 });
            const bin = await c.conn.rpc(o).echo(new Uint8Array([0, 1, 0, 255, 0]));
            const desc = await c.conn.rpc({ ...o, serde: 3 }).describe(new Uint8Array([0, 0]), 'x', 1);
            const loadedByDaffi = performance.getEntriesByType('resource').some((e) => /\/vendor\/msgpack\.min\.js$/.test(e.name));
            return { tagInPage, loadedByDaffi, after: typeof window.MessagePack, add0, nested, bin: Array.from(bin), binType: bin.constructor.name, desc };
        });
        // classic.html has no msgpack script tag: daffi.js added exactly one, from vendor/.
        assert.equal(r.tagInPage, 1);
        assert.equal(r.loadedByDaffi, true);
        assert.equal(r.after, 'object');
        assert.equal(r.add0, 4);
        assert.deepEqual(r.nested, { a: [1, 2.5, { b: null }], s: 'ü€😀', t: true, big: 2 ** 40 });
        assert.deepEqual(r.bin, [0, 1, 0, 255, 0]);
        assert.equal(r.binType, 'Uint8Array');
        assert.deepEqual(r.desc.types, ['bytes', 'str', 'int']);
    });

    it('raw: bytes with 0x00 arrive whole (Python sees bytes of the right length) and come back identical, up to 4 MiB', async () => {
        const r = await page.evaluate(async () => {
            const o = { serde: 'raw', receiver: 'w3', timeout: 20000 };
            const small = new Uint8Array([0, 0, 1, 0, 2, 0, 0]);
            const back = await c.conn.rpc(o).echo(small);
            const len = await c.conn.rpc(o).size(small);
            const big = new Uint8Array(4 * 1024 * 1024);
            for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 251; // many zeros
            const t0 = performance.now();
            const bigBack = await c.conn.rpc(o).echo(big);
            const ms = performance.now() - t0;
            let same = bigBack.length === big.length;
            for (let i = 0; same && i < big.length; i++) same = bigBack[i] === big[i];
            const text = await c.conn.rpc({ serde: 0, receiver: 'w3', timeout: 5000 }).size('héllo');
            const viaCode = await c.conn.rpc({ serde: 0, receiver: 'w3', timeout: 5000 }).echo(new Uint8Array([0]));
            return { back: Array.from(back), type: back.constructor.name, len, same, ms, text, viaCode: Array.from(viaCode) };
        });
        assert.deepEqual(r.back, [0, 0, 1, 0, 2, 0, 0]);
        assert.equal(r.type, 'Uint8Array');
        assert.equal(r.len, 7);
        assert.equal(r.same, true);
        assert.equal(r.text, 6, 'a string goes as UTF-8 bytes');
        assert.deepEqual(r.viaCode, [0]);
        note('4 MiB raw echo round trip', r.ms);
    });

    it('serde codes 1 | 3 | 0 work like "json" | "msgpack" | "raw", and timeouts are in ms', async () => {
        const r = await page.evaluate(async () => {
            const j = await c.conn.rpc({ serde: 1, timeout: 5000 }).add(1, 2);
            const m = await c.conn.rpc({ serde: 3, timeout: 5000 }).add(1, 2);
            const t0 = performance.now();
            let err;
            try { await c.conn.rpc({ receiver: 'w1', timeout: 300 }).hang(); } catch (e) { err = errInfo(e); }
            return { j, m, err, waited: performance.now() - t0 };
        });
        assert.equal(r.j, 3);
        assert.equal(r.m, 3);
        assert.equal(r.err.name, 'TimeoutError');
        assert.match(r.err.message, /Operation timed out/);
        assert.ok(r.waited >= 290 && r.waited < 1500, `timed out after ${r.waited} ms`);
    });

    it('waitForMembers for a late worker resolves on the membership message (not the 60 s poll); connected/disconnected events arrive', async () => {
        await page.evaluate(() => {
            c.events.length = 0;
            window.lateWait = c.conn.waitForMembers('late', { timeout: 30000, interval: 60000 }).then(() => performance.now());
        });
        const late = await h.startWorker('late', router.port);
        const readyAt = await page.evaluate(() => performance.now());
        const r = await page.evaluate(async () => {
            const resolvedAt = await window.lateWait;
            const who = await c.conn.rpc({ receiver: 'late', timeout: 5000 }).whoami();
            return { resolvedAt, who, events: c.events.slice() };
        });
        assert.equal(r.who, 'late');
        // resolvedAt is before our "ready" probe round trip, or at most a few ms after it.
        assert.ok(r.resolvedAt - readyAt < 1000, `waitForMembers resolved ${r.resolvedAt - readyAt} ms after the worker was ready`);
        assert.ok(r.events.some((e) => e.type === 'connected' && e.member === 'late'), JSON.stringify(r.events));

        const t0 = Date.now();
        await late.stop('SIGKILL');
        const gone = await page.evaluate(async () => {
            for (let i = 0; i < 200; i++) {
                const e = c.events.find((x) => x.type === 'disconnected' && x.member === 'late');
                if (e) return { e, members: c.conn.members().map((m) => m.name) };
                await new Promise((res) => setTimeout(res, 10));
            }
            return null;
        });
        assert.ok(gone, 'no disconnected event for the killed worker');
        assert.ok(!gone.members.includes('late'));
        note('disconnected event after SIGKILL of a worker', Date.now() - t0);
    });

    it('a worker killed mid-call rejects that call at once (not at its timeout)', async () => {
        const doomed = await h.startWorker('doomed', router.port);
        await page.evaluate(async () => {
            await c.conn.waitForMembers('doomed', { timeout: 10000 });
            window.doomedCall = c.conn.rpc({ receiver: 'doomed', timeout: 30000 }).hang().then(() => null, (e) => ({ ...errInfo(e), at: performance.now() }));
        });
        await new Promise((r) => setTimeout(r, 200));
        const killedAt = await page.evaluate(() => performance.now());
        await doomed.stop('SIGKILL');
        const r = await page.evaluate(() => window.doomedCall);
        assert.equal(r.closed, true);
        assert.equal(r.message, '"doomed" disconnected');
        assert.ok(r.at - killedAt < 3000);
        note('call rejected after its worker was SIGKILLed', r.at - killedAt);
    });
});

describe('streams: each goes whole to one of two Python workers on daffi-router', () => {
    let router, workers, page;

    before(async () => {
        router = await h.startRouter();
        workers = Object.fromEntries(await Promise.all(['s1', 's2'].map(async (n) => [n, await h.startWorker(n, router.port)])));
        page = await openPage();
        await page.evaluate(async (url) => {
            window.c = await window.open_('page-streams', { wsUrl: url });
            await window.c.conn.waitForMembers(['s1', 's2'], { timeout: 10000 });
            // What each worker's sink() has recorded, once they hold `total` chunks between them.
            window.sunk = async (names, total) => {
                const got = {};
                for (let i = 0; i < 100; i++) {
                    for (const w of names) got[w] = await c.conn.rpc({ receiver: w, timeout: 5000 }).recorded();
                    if (Object.values(got).flat().length >= total) break;
                    await new Promise((res) => setTimeout(res, 20));
                }
                return got;
            };
        }, router.wsUrl);
    });

    after(async () => {
        if (page) await page.close();
        await Promise.all(Object.values(workers || {}).map((w) => w.stop()));
        if (router) await router.stop();
    });

    const chunks = (prefix) => Array.from({ length: 10 }, (_, i) => prefix + i);

    it('all 10 chunks of a stream reach one worker, the next stream the other; stream_nowait too', async () => {
        const r = await page.evaluate(async (streams) => {
            const o = { serde: 'json', timeout: 5000 };
            const sent = [
                await c.conn.stream(o).sink(streams.a),
                await c.conn.stream(o).sink(streams.b),
                await c.conn.stream_nowait({ serde: 'json' }).sink(streams.n),
            ];
            return { sent, got: await window.sunk(['s1', 's2'], 30) };
        }, { a: chunks('a'), b: chunks('b'), n: chunks('n') });
        assert.deepEqual(r.sent, [10, 10, 10]);
        // Round-robin alternates per stream: a and n went to one worker, b to the other.
        assert.deepEqual([r.got.s1, r.got.s2].sort(), [[...chunks('a'), ...chunks('n')], chunks('b')].sort(), JSON.stringify(r.got));
    });

    it('a worker killed mid-stream rejects the stream at once; the other worker gets none of it', async () => {
        const victim = await page.evaluate(async () => {
            window.pulled = [];
            function* chunks() {
                for (const x of ['k0', 'k1', 'k2', 'k3', 'hold', 'k5', 'k6']) { window.pulled.push(x); yield x; }
            }
            window.killed = c.conn.stream({ serde: 'json', timeout: 30000 }).sink(chunks()).then(() => null, (e) => errInfo(e));
            // Once "hold" is pulled, the one call pending is that chunk, at the stream's worker.
            for (let i = 0; i < 500; i++) {
                const waiting = Object.values(c.pendingMessages).filter((p) => p.func === 'sink');
                if (window.pulled.includes('hold') && waiting.length === 1) return waiting[0].receiver;
                await new Promise((res) => setTimeout(res, 10));
            }
            return null;
        });
        assert.ok(victim in workers, `no stream chunk waited at a worker (${victim})`);
        const survivor = victim === 's1' ? 's2' : 's1';
        await workers[victim].stop('SIGKILL');
        const r = await page.evaluate(async (other) => ({
            err: await window.killed, pulled: window.pulled, got: await window.sunk([other], 0),
        }), survivor);
        assert.equal(r.err.closed, true);
        assert.equal(r.err.message, `"${victim}" disconnected`);
        assert.deepEqual(r.pulled, ['k0', 'k1', 'k2', 'k3', 'hold'], 'the stream stopped at the chunk its worker held');
        assert.deepEqual(r.got[survivor].filter((x) => x.startsWith('k')), []);
    });
});

describe('service topology: a page calls a Python Service directly', () => {
    let service, page;
    before(async () => {
        service = await h.startService('calc');
        page = await openPage();
    });
    after(async () => {
        if (page) await page.close();
        if (service) await service.stop();
    });

    it('rpc, msgpack, raw and remote errors against the Service', async () => {
        const r = await page.evaluate(async (url) => {
            const c = await window.open_('svc-page', { wsUrl: url });
            const out = {
                type: c.serverType,
                members: c.conn.members(),
                sum: await c.conn.rpc({ timeout: 5000 }).add(3, 4),
                pinned: await c.conn.rpc({ receiver: 'calc', timeout: 5000 }).whoami(),
                mp: await c.conn.rpc({ serde: 'msgpack', timeout: 5000 }).add(0, 4),
                raw: Array.from(await c.conn.rpc({ serde: 'raw', timeout: 5000 }).echo(new Uint8Array([0, 9, 0]))),
            };
            try { await c.conn.rpc({ timeout: 5000 }).fail(); } catch (e) { out.err = errInfo(e); }
            c.stop();
            return out;
        }, service.wsUrl);
        assert.equal(r.type, 'service');
        assert.ok(r.members.some((m) => m.name === 'calc' && m.methods.includes('add')));
        assert.equal(r.sum, 7);
        assert.equal(r.pinned, 'calc');
        assert.equal(r.mp, 4);
        assert.deepEqual(r.raw, [0, 9, 0]);
        assert.equal(r.err.name, 'ValueError');
        assert.equal(r.err.message, 'boom');
    });
});

describe('autoreconnect after a router restart on the same port', () => {
    let router, worker, page;
    after(async () => {
        if (page) await page.close();
        if (worker) await worker.stop();
        if (router) await router.stop();
    });

    it('pending calls reject at once, the client backs off and reconnects, and the same Connection works again', async () => {
        router = await h.startRouter();
        const port = router.port;
        worker = await h.startWorker('r1', port);
        page = await openPage();
        await page.evaluate(async (url) => {
            window.rc = await window.open_('page-reconnect', { wsUrl: url, autoreconnect: true, reconnectDelay: 250 });
            await rc.conn.waitForMembers('r1', { timeout: 10000 });
            window.connBefore = rc.conn;
            window.hanging = rc.conn.rpc({ receiver: 'r1', timeout: 60000 }).hang().then(() => null, (e) => ({ ...errInfo(e), at: performance.now() }));
        }, router.wsUrl);
        await new Promise((r) => setTimeout(r, 200));

        const stoppedAt = await page.evaluate(() => performance.now());
        await router.stop('SIGTERM');
        const rejected = await page.evaluate(() => window.hanging);
        assert.equal(rejected.closed, true);
        assert.equal(rejected.message, 'Connection closed unexpectedly');
        assert.ok(rejected.at - stoppedAt < 2000, `pending call rejected ${rejected.at - stoppedAt} ms after the router stopped`);
        note('pending call rejected after router SIGTERM', rejected.at - stoppedAt);
        await worker.stop(); // the reference Python client does not reconnect by itself

        // Stay down across a few attempts so the back-off shows (250, 500, 1000 ms ...).
        await new Promise((r) => setTimeout(r, 1200));
        const down = await page.evaluate(() => ({
            closed: rc.closed,
            throws: (() => { try { rc.conn.rpc(); return null; } catch (e) { return e.message; } })(),
        }));
        assert.equal(down.closed, true);
        assert.equal(down.throws, 'Connection is closed');

        router = await h.startRouter({ port });
        const upAt = await page.evaluate(() => performance.now());
        worker = await h.startWorker('r1b', port);
        const r = await page.evaluate(async () => {
            for (let i = 0; i < 400 && rc.closed; i++) await new Promise((res) => setTimeout(res, 25));
            const reconnectedAt = rc.states.filter((s) => s.state === 'connected').pop().at;
            await rc.conn.waitForMembers('r1b', { timeout: 10000 });
            return {
                same: rc.conn === window.connBefore,
                sum: await window.connBefore.rpc({ timeout: 5000 }).add(2, 3),
                reconnectedAt,
                delays: rc.states.filter((s) => s.state === 'reconnecting').map((s) => s.delay),
                states: rc.states.map((s) => s.state),
            };
        });
        assert.equal(r.same, true);
        assert.equal(r.sum, 5);
        // Jittered within the upper half of each doubling ceiling (250, 500, 1000 ms).
        [250, 500, 1000].forEach((ceiling, n) => assert.ok(r.delays[n] >= ceiling / 2 && r.delays[n] <= ceiling,
                                                          `delay ${n + 1}: ${r.delays[n]}`));
        assert.ok(r.states.includes('disconnected'));
        note('reconnected after the router came back (≤ one back-off step)', r.reconnectedAt - upAt);
    });
});

describe('wss:// with the test CA', () => {
    let router, worker, tlsBrowser;
    after(async () => {
        if (tlsBrowser) await tlsBrowser.close();
        if (worker) await worker.stop();
        if (router) await router.stop();
    });

    it('Chromium reaches the TLS router when the server key is pinned, and refuses it otherwise', async () => {
        router = await h.startRouter({ tls: true });
        worker = await h.startTlsWorker('cxx', router.port);
        await worker.waitFor(/"serving"/, 10000);
        // Chromium has no option for a private CA (its trust store is an NSS database in $HOME);
        // pinning the server's public key trusts exactly this certificate and nothing else,
        // unlike --ignore-certificate-errors. The CA chain itself is checked in Node below.
        tlsBrowser = await h.launchBrowser([`--ignore-certificate-errors-spki-list=${h.spkiHash(path.join(h.TLS_DIR, 'server.crt'))}`]);
        const page = await tlsBrowser.newPage();
        await page.goto(`${web.origin}/test/pages/classic.html`);
        const r = await page.evaluate(async (url) => {
            const c = await window.open_('page-wss', { wsUrl: url });
            await c.conn.waitForMembers('cxx', { timeout: 10000 });
            const out = {
                sum: await c.conn.rpc({ timeout: 5000 }).add(3, 4),
                raw: Array.from(await c.conn.rpc({ serde: 'raw', timeout: 5000 }).echo(new Uint8Array([0, 1, 0]))),
            };
            c.stop();
            return out;
        }, router.wsUrl);
        assert.equal(r.sum, 7);
        assert.deepEqual(r.raw, [0, 1, 0]);

        // The main browser has no pin: the certificate is refused and connect() says so.
        const plain = await openPage();
        const refused = await plain.evaluate(async (url) => {
            try { await new DaffiClient('page-untrusted', { wsUrl: url, connectTimeout: 5000 }).connect(); return null; } catch (e) { return errInfo(e); }
        }, router.wsUrl);
        await plain.close();
        assert.ok(refused, 'an untrusted certificate must not connect');
        assert.match(refused.message, /could not connect to wss:/);
    });

    it('Node verifies the router against tests/data/tls/ca.crt (NODE_EXTRA_CA_CERTS) and calls over wss', async () => {
        const out = await runNode(['--experimental-websocket', path.join(__dirname, 'support', 'node-call.js'), router.wsUrl, 'cxx'], { NODE_EXTRA_CA_CERTS: path.join(h.TLS_DIR, 'ca.crt') });
        assert.equal(out.code, 0, out.stderr);
        assert.deepEqual(JSON.parse(out.stdout.trim().split('\n').pop()), { sum: 7, serverType: 'router' });
        const bad = await runNode(['--experimental-websocket', path.join(__dirname, 'support', 'node-call.js'), router.wsUrl, 'cxx'], { NODE_EXTRA_CA_CERTS: path.join(h.TLS_DIR, 'rogue-ca.crt') });
        assert.notEqual(bad.code, 0, 'a client trusting another CA must fail');
    });
});

describe('ES module loading in Chromium', () => {
    let router, worker;
    after(async () => {
        if (worker) await worker.stop();
        if (router) await router.stop();
    });

    it('import { DaffiClient } from daffi.mjs works in a module script, msgpack included', async () => {
        router = await h.startRouter();
        worker = await h.startWorker('m1', router.port);
        const page = await openPage('test/pages/module.html');
        await page.waitForFunction(() => document.getElementById('status').textContent === 'ready');
        const r = await page.evaluate(async (url) => {
            const c = new window.ModuleDaffiClient('page-esm', { wsUrl: url });
            const conn = await c.connect();
            const out = {
                sameDefault: window.moduleDefaultIsSame,
                sum: await conn.rpc({ timeout: 5000 }).add(3, 4),
                mp: await conn.rpc({ serde: 'msgpack', timeout: 5000 }).add(0, 5),
            };
            c.stop();
            return out;
        }, router.wsUrl);
        await page.close();
        assert.deepEqual(r, { sameDefault: true, sum: 7, mp: 5 });
    });
});

function runNode(args, env) {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
        h.children.add(child);
        let stdout = '', stderr = '';
        child.stdout.on('data', (d) => { stdout += d; });
        child.stderr.on('data', (d) => { stderr += d; });
        const t = setTimeout(() => child.kill('SIGKILL'), 20000);
        child.on('exit', (code) => { clearTimeout(t); h.children.delete(child); resolve({ code, stdout, stderr }); });
    });
}
