// How the one file loads in Node: require() and import, by path and by package name (the
// package.json "exports" map), all giving the same DaffiClient with its codec and msgpack.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { DaffiClient as FromMjs } from '../daffi.mjs';
import DefaultFromMjs from '../daffi.mjs';
import { DaffiClient as FromJs } from '../daffi.js';
import { DaffiClient as FromPackage } from 'daffi-qt-client';

const require = createRequire(import.meta.url);

test('require and import give the same DaffiClient, by path and by package name', () => {
    const cjs = require('../daffi.js');
    assert.equal(typeof cjs, 'function');
    assert.equal(cjs.DaffiClient, cjs);
    assert.equal(require('daffi-qt-client'), cjs);
    for (const x of [FromMjs, DefaultFromMjs, FromJs, FromPackage]) assert.equal(x, cjs);
    assert.equal(globalThis.DaffiClient, undefined, 'no global is defined under CommonJS');
});

test('in Node the msgpack library comes from the @msgpack/msgpack dependency', () => {
    const mp = FromMjs.codec.findMsgpack();
    assert.ok(mp && typeof mp.encode === 'function');
    assert.equal(Buffer.from(mp.encode([[3, 4], {}])).toString('hex'), '9292030480');
});

test('without a WebSocket implementation connect() says what to pass', async () => {
    if (typeof globalThis.WebSocket === 'function') return; // Node >= 22 has one
    const c = new FromMjs('n', { wsUrl: 'ws://127.0.0.1:9', log: false });
    await assert.rejects(c.connect(), /pass \{ WebSocket \}/);
});
