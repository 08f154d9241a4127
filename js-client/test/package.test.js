// The npm package as a user gets it: `npm pack` makes a tarball with the client, its type
// declarations, the vendored msgpack and the licences (and nothing of the tests); it installs into
// an empty folder, loads there as CommonJS and as an ES module, and tsc --strict accepts
// test/types/consumer.* against it and rejects each wrong use in test/types/misuse.mts.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const JS_DIR = path.resolve(__dirname, '..');
const TYPES = path.join(__dirname, 'types');
const TSC = path.join(JS_DIR, 'node_modules', 'typescript', 'bin', 'tsc');

function run(cmd, args, cwd) {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180000 });
}

let work, tarball, consumer;

test.before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'daffi-npm-'));
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], JS_DIR));
    tarball = path.join(work, packed[0].filename);
    consumer = path.join(work, 'consumer');
    fs.mkdirSync(consumer);
    fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball], consumer);
});

test.after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the client, its types, the vendored msgpack and the licences, not the tests', () => {
    const files = run('tar', ['-tzf', tarball], work).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    for (const f of ['daffi.js', 'daffi.mjs', 'daffi.d.ts', 'daffi.d.mts', 'vendor/msgpack.min.js',
        'vendor/msgpack.LICENSE', 'LICENSE', 'README.md', 'package.json']) {
        assert.ok(files.includes(f), `${f} is missing from the tarball`);
    }
    assert.deepEqual(files.filter((f) => /^(test|examples|node_modules)\//.test(f)), []);
    const manifest = JSON.parse(fs.readFileSync(path.join(JS_DIR, 'package.json'), 'utf8'));
    assert.equal(manifest.license, 'MIT');
    assert.equal(fs.readFileSync(path.join(JS_DIR, 'LICENSE'), 'utf8'), fs.readFileSync(path.join(JS_DIR, '..', 'LICENSE'), 'utf8'));
});

test('the installed package loads with require()', () => {
    const out = run(process.execPath, ['-e', `
        const D = require('daffi-qt-client');
        const c = new D('n', { wsUrl: 'ws://127.0.0.1:9', log: false });
        console.log(JSON.stringify([typeof D, D.DaffiClient === D, D.default === D, typeof D.RemoteCallError,
            c.name, typeof D.codec.findMsgpack(), require.resolve('daffi-qt-client')]));`], consumer);
    const [kind, named, dflt, errorKind, name, msgpack, resolved] = JSON.parse(out);
    assert.deepEqual([kind, named, dflt, errorKind, name, msgpack], ['function', true, true, 'function', 'n', 'object']);
    assert.ok(resolved.startsWith(path.join(consumer, 'node_modules', 'daffi-qt-client')), resolved);
});

test('the installed package loads with import, named and default', () => {
    const out = run(process.execPath, ['--input-type=module', '-e', `
        import { DaffiClient } from 'daffi-qt-client';
        import Default from 'daffi-qt-client';
        import { createRequire } from 'node:module';
        const cjs = createRequire(import.meta.url)('daffi-qt-client');
        console.log(JSON.stringify([typeof DaffiClient, Default === DaffiClient, cjs === DaffiClient,
            import.meta.resolve('daffi-qt-client')]));`], consumer);
    const [kind, same, sameAsCjs, resolved] = JSON.parse(out);
    assert.deepEqual([kind, same, sameAsCjs], ['function', true, true]);
    assert.match(resolved, /node_modules\/daffi-qt-client\/daffi\.mjs$/);
});

test('tsc --strict accepts the consumer examples and rejects every misuse, against the installed types', () => {
    for (const f of fs.readdirSync(TYPES)) fs.copyFileSync(path.join(TYPES, f), path.join(consumer, f));
    try {
        run(process.execPath, [TSC, '-p', 'tsconfig.json'], consumer);
    } catch (e) {
        assert.fail(`tsc reported errors:\n${e.stdout}${e.stderr}`);
    }
    // The misuses are errors at all: without their @ts-expect-error lines tsc fails on each.
    const misuse = fs.readFileSync(path.join(TYPES, 'misuse.mts'), 'utf8');
    const expected = (misuse.match(/^\s*\/\/ @ts-expect-error/gm) || []).length;
    assert.ok(expected >= 8);
    fs.writeFileSync(path.join(consumer, 'misuse.mts'), misuse.replace(/^\s*\/\/ @ts-expect-error.*\n/gm, '\n'));
    let output = '';
    try { run(process.execPath, [TSC, '-p', 'tsconfig.json'], consumer); } catch (e) { output = e.stdout; }
    const errorLines = new Set((output.match(/^misuse\.mts\((\d+),/gm) || []).map((m) => m.match(/\((\d+)/)[1]));
    assert.equal(errorLines.size, expected, output);
});
