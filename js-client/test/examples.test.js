// Every example in examples/ actually works: its backend runs (on a free port instead of its
// default 600N), its page runs every action once in headless Chromium (?autorun=1), and the
// results are what the page promises.
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const h = require('./support/harness');

const EXPECT = {
    '01_service_json': (r) => {
        assert.equal(r['add(3, 4)'], 7);
        assert.equal(r['reverse("daffi")'], 'iffad');
        assert.deepEqual(r['stats([3, 1, 4, 1, 5])'], { count: 5, mean: 2.8, max: 5 });
        assert.deepEqual(r['fail()'], { error: 'ValueError', message: 'this callback always fails' });
    },
    '02_service_msgpack': (r) => {
        assert.deepEqual(r['checksum(bytes 0..255)'], { length: 256, sum: 32640, zeros: 1 });
        assert.deepEqual([...r['invert(bytes [0, 1, 0, 255])']], [255, 254, 255, 0]);
        assert.deepEqual(r['describe({...})'], { name: 'str', readings: 'list', ok: 'bool', raw: 'bytes' });
    },
    '03_router_json': (r) => {
        assert.equal(r['reverse("hello router")'], 'retuor olleh');
        assert.equal(r['word_count("one two three")'], 3);
        assert.equal(r['pinned: reverse via receiver "json-worker"'], 'dennip');
    },
    '04_router_msgpack': (r) => {
        assert.deepEqual(r['summarise(records)'], { count: 3, total: 35, labels: ['a', 'b', 'c'] });
        assert.deepEqual(r['transform(item)'], { name: 'Alice', score: 99, active: true });
    },
    '05_cast': (r) => {
        assert.deepEqual(Object.keys(r['cast: info()']).sort(), ['worker-a', 'worker-b', 'worker-c']);
        assert.deepEqual(r['cast: scale(10)'], { 'worker-a': 10, 'worker-b': 20, 'worker-c': 30 });
        assert.deepEqual(r['cast to prefix "worker-b": scale(1)'], { 'worker-b': 2 });
    },
    '06_cast_nowait': (r) => {
        assert.deepEqual([...r['cast_nowait: notify("ping N")']].sort(), ['worker-a', 'worker-b', 'worker-c']);
        assert.deepEqual(r['cast: received()'], { 'worker-a': ['ping 1'], 'worker-b': ['ping 1'], 'worker-c': ['ping 1'] });
    },
    '07_wait_for_members': (r) => {
        assert.equal(r['hello("browser")'], 'hello browser, from late-worker');
    },
};

let web, browser;
before(async () => {
    web = await h.startStatic();
    browser = await h.launchBrowser();
});
after(async () => {
    if (browser) await browser.close();
    if (web) web.close();
    await h.killAll();
});

describe('examples 01-07: backend + page', () => {
    for (const [name, check] of Object.entries(EXPECT)) {
        it(name, async () => {
            const port = await h.freePort();
            const args = [h.PYTHON, path.join(h.JS_ROOT, 'examples', name, 'backend.py'), '--port', String(port)];
            if (name === '07_wait_for_members') args.push('--delay', '1');
            const backend = new h.Proc(`example-${name}`, args, { env: { DAFFI_ROUTER: h.ROUTER } });
            const page = await browser.newPage();
            try {
                await backend.waitFor(/^READY ws:/, 20000);
                const errors = [];
                page.on('pageerror', (e) => errors.push(e.message));
                await page.goto(`${web.origin}/examples/${name}/?autorun=1&ws=ws://127.0.0.1:${port}`);
                await page.waitForFunction(() => document.body.dataset.done, null, { timeout: 20000 });
                const r = await page.evaluate(() => ({ done: document.body.dataset.done, results: window.exampleResults, log: document.getElementById('log').innerText }));
                assert.deepEqual(errors, []);
                assert.equal(r.done, 'ok', r.log);
                check(r.results);
            } finally {
                await page.close();
                await backend.stop('SIGTERM', 5000);
            }
        });
    }
});
