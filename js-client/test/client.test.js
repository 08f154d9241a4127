// DaffiClient's behaviour against an in-process fake router: the WebSocket constructor is injected,
// so these run in milliseconds and pin down what the browser tests can only sample.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const msgpack = require('@msgpack/msgpack');
const DaffiClient = require('../daffi.js');

const { codec, Flag, Serde } = DaffiClient;
const text = (u8) => Buffer.from(u8).toString('utf8');
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** A fake router: answers hellos, records frames, lets the test push frames and drop sockets. */
function fakeNetwork() {
    const net = {
        up: true,               // false: new sockets fail to open
        members: [],            // [{name, methods}] besides the client itself
        sockets: [],
        sent: [],               // every frame the client sent, decoded
        onRequest: null,        // (frame, socket) => void
    };
    class FakeWebSocket {
        constructor(url) {
            this.url = url;
            this.readyState = 0;
            net.sockets.push(this);
            setTimeout(() => {
                if (!net.up) { this.readyState = 3; this.onclose && this.onclose({ code: 1006 }); return; }
                this.readyState = 1;
                this.onopen && this.onopen();
            }, 1);
        }
        send(bytes) {
            if (this.readyState !== 1) throw new Error('not open');
            const f = codec.decodeFrame(Uint8Array.from(bytes));
            net.sent.push(f);
            if (f.flag === Flag.HANDSHAKE) {
                const body = JSON.stringify({ meta: { type: 'router', error: null }, members: [...net.members, { name: f.transmitter, methods: null }] });
                setTimeout(() => this.push({ ...f, data: body }), 1);
            } else if (net.onRequest) {
                net.onRequest(f, this);
            }
        }
        push(frame) {
            if (this.readyState !== 1) return;
            const bytes = codec.encodeFrame(frame);
            this.onmessage && this.onmessage({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
        }
        reply(req, value, flag = Flag.RESPONSE) {
            const data = req.decoder === Serde.MSGPACK ? msgpack.encode([[value], {}]) : JSON.stringify({ args: [value], kwargs: {} });
            this.push({ uuid: req.uuid, flag, decoder: req.decoder, isBytes: req.decoder !== Serde.JSON, transmitter: req.receiver, receiver: req.transmitter, func: req.func, data });
        }
        event(type, member) { this.push({ uuid: 0, flag: Flag.EVENTS, decoder: Serde.JSON, data: JSON.stringify({ type, member }) }); }
        announce(name, methods) {
            this.push({ uuid: 0, flag: Flag.HANDSHAKE, decoder: Serde.JSON, data: JSON.stringify({ meta: { type: 'router', error: null }, members: [{ name, methods }] }) });
        }
        close(code = 1000) {
            if (this.readyState === 3) return;
            this.readyState = 3;
            setTimeout(() => this.onclose && this.onclose({ code }), 0);
        }
        drop() { this.close(1006); }
    }
    net.WebSocket = FakeWebSocket;
    net.last = () => net.sockets[net.sockets.length - 1];
    net.requests = () => net.sent.filter((f) => f.flag === Flag.REQUEST);
    return net;
}

function client(net, extra = {}) {
    return new DaffiClient('page', { wsUrl: 'ws://fake', WebSocket: net.WebSocket, log: false, msgpack, ...extra });
}

test('connect sends the hello with uuid 1 and learns the members; rpc uses uuid 2 and compact JSON', async () => {
    const net = fakeNetwork();
    net.members = [{ name: 'w1', methods: ['add'] }];
    net.onRequest = (f, s) => s.reply(f, 7);
    const c = client(net);
    const conn = await c.connect();
    assert.equal(c.closed, false);
    assert.equal(c.serverType, 'router');
    assert.equal(net.sent[0].uuid, 1);
    assert.equal(text(net.sent[0].data), '{"meta":{"type":"client","error":null},"members":[{"name":"page","methods":null}]}');
    assert.deepEqual(conn.members(), [{ name: 'w1', methods: ['add'] }, { name: 'page', methods: null }]);
    assert.equal(await conn.rpc({ timeout: 1000 }).add(3, 4), 7);
    const req = net.requests()[0];
    assert.deepEqual([req.uuid, req.flag, req.decoder, req.isBytes, req.returnResult, req.transmitter, req.receiver, req.func], [2, 1, 1, false, true, 'page', 'w1', 'add']);
    assert.equal(text(req.data), '{"args":[3,4],"kwargs":{}}');
    assert.equal(await c.connect(), conn, 'connect() on a live client returns the same Connection');
    c.stop();
});

test('receiver resolution: round-robin like the reference (first pick is index 1), pinned receiver, nothing sent when unknown', async () => {
    const net = fakeNetwork();
    net.members = [{ name: 'a', methods: ['f'] }, { name: 'b', methods: ['f'] }, { name: 'c', methods: ['g'] }];
    net.onRequest = (f, s) => s.reply(f, f.receiver);
    const c = client(net);
    const conn = await c.connect();
    const order = [];
    for (let i = 0; i < 4; i++) order.push(await conn.rpc().f());
    assert.deepEqual(order, ['b', 'a', 'b', 'a']);
    assert.equal(await conn.rpc({ receiver: 'a' }).f(), 'a');
    const before = net.sent.length;
    await assert.rejects(conn.rpc({ receiver: 'c' }).f(), (e) => e instanceof DaffiClient.ReceiverNotFoundError && /Connected peers/.test(e.message));
    await assert.rejects(conn.rpc({ receiver: 'nobody' }).f(), { name: 'ReceiverNotFound' });
    await assert.rejects(conn.rpc().missing(), { name: 'ReceiverNotFound' });
    assert.equal(net.sent.length, before, 'nothing was sent for unresolvable calls');
    c.stop();
});

test('rpc_nowait sends return_result 0 and resolves at once; msgpack and raw bodies', async () => {
    const net = fakeNetwork();
    net.members = [{ name: 'w', methods: ['log', 'add', 'echo'] }];
    net.onRequest = (f, s) => {
        if (!f.returnResult) return;
        if (f.decoder === Serde.OPAQUE) s.push({ uuid: f.uuid, flag: Flag.RESPONSE, decoder: 0, isBytes: true, transmitter: 'w', receiver: 'page', func: f.func, data: f.data });
        else s.reply(f, 7);
    };
    const c = client(net);
    const conn = await c.connect();
    assert.equal(await conn.rpc_nowait().log('x'), undefined);
    assert.equal(net.requests()[0].returnResult, false);
    assert.equal(await conn.rpc({ serde: 'msgpack' }).add(0, 4), 7);
    assert.equal(Buffer.from(net.requests()[1].data).toString('hex'), '9292000480');
    const bytes = Uint8Array.from([0, 1, 0, 2, 0]);
    const back = await conn.rpc({ serde: 0 }).echo(bytes);
    assert.ok(back instanceof Uint8Array);
    assert.deepEqual([...back], [0, 1, 0, 2, 0]);
    assert.equal(net.requests()[2].isBytes, true);
    c.stop();
});

test('timeout rejects with a TimeoutError and a late answer is dropped', async () => {
    const net = fakeNetwork();
    net.members = [{ name: 'w', methods: ['slow'] }];
    let late;
    net.onRequest = (f, s) => { late = () => s.reply(f, 1); };
    const c = client(net);
    const conn = await c.connect();
    const t0 = Date.now();
    await assert.rejects(conn.rpc({ timeout: 50 }).slow(), (e) => e.name === 'TimeoutError' && /Operation timed out/.test(e.message));
    assert.ok(Date.now() - t0 >= 45);
    late();
    assert.deepEqual(c.pendingMessages, {});
    c.stop();
});

test('remote errors reject with Error objects carrying type and message', async () => {
    const net = fakeNetwork();
    net.members = [{ name: 'w', methods: ['fail'] }];
    net.onRequest = (f, s) => s.reply(f, ['ValueError', 'builtins', 'boom', null], Flag.ERROR);
    const c = client(net);
    const conn = await c.connect();
    for (const serde of ['json', 'msgpack']) {
        await assert.rejects(conn.rpc({ serde }).fail(), (e) => e instanceof Error && e.name === 'ValueError' && e.type === 'ValueError' && e.message === 'boom' && e.receiver === 'w');
    }
    c.stop();
});

test('cast goes to every member exposing the function (prefix filter), cast_nowait too', async () => {
    const net = fakeNetwork();
    net.members = [{ name: 'w1', methods: ['f'] }, { name: 'w2', methods: ['f'] }, { name: 'x', methods: ['f'] }, { name: 'y', methods: null }];
    net.onRequest = (f, s) => { if (f.returnResult) s.reply(f, f.receiver + '!'); };
    const c = client(net);
    const conn = await c.connect();
    assert.deepEqual(await conn.cast().f(), { w1: 'w1!', w2: 'w2!', x: 'x!' });
    assert.deepEqual(await conn.cast({ receiver: 'w' }).f(), { w1: 'w1!', w2: 'w2!' });
    assert.deepEqual(await conn.cast({ receiver: ['x', 'w2'] }).f(), { w2: 'w2!', x: 'x!' });
    await assert.rejects(conn.cast().nothing(), /No connected peer exposes "nothing"/);
    const n = net.requests().length;
    assert.deepEqual(await conn.cast_nowait().f(1), ['w1', 'w2', 'x']);
    assert.deepEqual(net.requests().slice(n).map((f) => [f.receiver, f.returnResult]), [['w1', false], ['w2', false], ['x', false]]);
    c.stop();
});

test('a failing cast target rejects with that error and .results holds every outcome', async () => {
    const net = fakeNetwork();
    net.members = [{ name: 'ok', methods: ['f'] }, { name: 'bad', methods: ['f'] }];
    net.onRequest = (f, s) => (f.receiver === 'bad' ? s.reply(f, ['KeyError', 'builtins', 'k', null], Flag.ERROR) : s.reply(f, 1));
    const c = client(net);
    const conn = await c.connect();
    await assert.rejects(conn.cast().f(), (e) => e.name === 'KeyError' && e.results.ok === 1 && e.results.bad instanceof Error);
    c.stop();
});

test('stream and stream_nowait: one worker takes every chunk of a stream, round-robin picks it once per stream', async () => {
    const net = fakeNetwork();
    net.members = [{ name: 'w1', methods: ['sink'] }, { name: 'w2', methods: ['sink'] }];
    net.onRequest = (f, s) => { if (f.returnResult) s.reply(f, null); };
    const c = client(net);
    const conn = await c.connect();
    const chunks = (prefix) => Array.from({ length: 10 }, (_, i) => prefix + i);
    const sentSince = (n) => net.requests().slice(n).map((f) => [f.receiver, text(f.data)]);

    assert.equal(await conn.stream().sink(chunks('a')), 10);
    assert.deepEqual(sentSince(0), chunks('a').map((x) => ['w2', x]), 'the first pick is index 1, as for rpc');
    assert.equal(await conn.stream().sink(chunks('b')), 10);
    assert.deepEqual(sentSince(10), chunks('b').map((x) => ['w1', x]));
    assert.equal(await conn.stream_nowait().sink(chunks('c')), 10);
    assert.deepEqual(sentSince(20), chunks('c').map((x) => ['w2', x]));
    assert.ok(net.requests().slice(20).every((f) => !f.returnResult));
    assert.equal(await conn.stream({ receiver: 'w2' }).sink(chunks('d')), 10);
    assert.deepEqual(sentSince(30), chunks('d').map((x) => ['w2', x]));
    assert.equal(await conn.stream().nobody([]), 0, 'an empty stream picks nobody and sends nothing');
    await assert.rejects(conn.stream().nobody(['x']), { name: 'ReceiverNotFound' });
    assert.equal(net.requests().length, 40);
    c.stop();
});

test('a stream whose worker leaves mid-stream rejects with the chunk it held; no chunk goes to the other worker', async () => {
    const net = fakeNetwork();
    net.members = [{ name: 'w1', methods: ['sink'] }, { name: 'w2', methods: ['sink'] }];
    let held = null;
    net.onRequest = (f, s) => {
        if (net.requests().filter((r) => r.receiver === f.receiver).length === 5) held = f; // never answered
        else s.reply(f, null);
    };
    const c = client(net);
    const conn = await c.connect();
    const stream = conn.stream({ timeout: 5000 }).sink(Array.from({ length: 10 }, (_, i) => 'c' + i));
    for (let i = 0; i < 100 && !held; i++) await tick(1);
    assert.ok(held, 'the fifth chunk reached its worker');
    net.last().event('disconnected', held.receiver);
    await assert.rejects(stream, (e) => e instanceof DaffiClient.ConnectionClosedError && e.message === `"${held.receiver}" disconnected`);
    const to = (name) => net.requests().filter((f) => f.receiver === name).map((f) => text(f.data));
    assert.deepEqual(to(held.receiver === 'w1' ? 'w2' : 'w1'), []);
    assert.deepEqual(to(held.receiver), ['c0', 'c1', 'c2', 'c3', 'c4']);
    c.stop();
});

test('waitForMembers is woken by the membership message, not by its poll interval', async () => {
    const net = fakeNetwork();
    const c = client(net);
    const conn = await c.connect();
    const waiting = conn.waitForMembers(['late'], { timeout: 5000, interval: 60000 });
    await tick(20);
    const t0 = Date.now();
    net.last().announce('late', ['f']);
    await waiting;
    assert.ok(Date.now() - t0 < 50, 'resolved right after the announcement');
    await assert.rejects(conn.waitForMembers('ghost', { timeout: 30 }), /Timed out waiting for members: ghost/);
    c.stop();
});

test('membership events: connected/disconnected reach the handlers; a disconnect rejects only the calls to that member', async () => {
    const net = fakeNetwork();
    net.members = [{ name: 'w1', methods: ['f'] }, { name: 'w2', methods: ['f'] }];
    net.onRequest = () => {};
    const c = client(net);
    const events = [];
    c.addEventHandler((e) => events.push(`${e.type}:${e.member}`));
    const conn = await c.connect();
    const toW1 = conn.rpc({ receiver: 'w1' }).f();
    const toW2 = conn.rpc({ receiver: 'w2', timeout: 100 }).f();
    assert.equal(Object.keys(c.pendingMessages).length, 2, 'both requests are in flight at once');
    net.last().event('connected', 'w3');
    net.last().event('disconnected', 'w1');
    await assert.rejects(toW1, (e) => e instanceof DaffiClient.ConnectionClosedError && e.message === '"w1" disconnected');
    await assert.rejects(toW2, { name: 'TimeoutError' });
    assert.deepEqual(events, ['connected:w3', 'disconnected:w1']);
    assert.deepEqual(conn.members().map((m) => m.name), ['w2', 'page']);
    c.stop();
});

test('an eviction of another member only removes it; our own eviction closes for good', async () => {
    const net = fakeNetwork();
    net.members = [{ name: 'w', methods: ['f'] }, { name: 'v', methods: ['f'] }];
    const c = client(net, { autoreconnect: true, reconnectDelay: 5 });
    const states = [];
    c.addStateHandler((s) => states.push(s.state));
    const conn = await c.connect();
    net.last().event('evicted', 'v');
    assert.equal(c.closed, false);
    assert.deepEqual(conn.members().map((m) => m.name), ['w', 'page']);
    net.onRequest = () => {};
    const pending = conn.rpc().f();
    await tick(5);
    net.last().event('evicted', 'page');
    await assert.rejects(pending, /Evicted/);
    assert.equal(c.closed, true);
    await tick(50);
    assert.equal(net.sockets.length, 1, 'no reconnect after being evicted');
    assert.deepEqual(states, ['connecting', 'connected', 'evicted']);
});

test('socket loss rejects pending calls at once, then autoreconnect backs off exponentially and the same Connection works', async () => {
    const net = fakeNetwork();
    net.members = [{ name: 'w', methods: ['f', 'hang'] }];
    net.onRequest = (f, s) => { if (f.func === 'f') s.reply(f, 'ok'); };
    const c = client(net, { autoreconnect: true, reconnectDelay: 10 });
    const states = [];
    c.addStateHandler((s) => states.push(s));
    const conn = await c.connect();
    const hanging = conn.rpc({ receiver: 'w' }).hang();
    await tick(5);
    net.up = false;
    const t0 = Date.now();
    net.last().drop();
    await assert.rejects(hanging, (e) => e instanceof DaffiClient.ConnectionClosedError && e.message === 'Connection closed unexpectedly');
    assert.ok(Date.now() - t0 < 30, 'rejected as soon as the socket closed');
    assert.equal(c.closed, true);
    assert.throws(() => conn.rpc(), /Connection is closed/);
    await tick(120); // attempts at +10, +20, +40 ms fail
    net.up = true;
    for (let i = 0; i < 200 && c.closed; i++) await tick(10);
    assert.equal(c.closed, false);
    assert.equal(await conn.rpc().f(), 'ok');
    const delays = states.filter((s) => s.state === 'reconnecting').map((s) => s.delay);
    // Each wait is jittered within the upper half of its doubling ceiling: 10, 20, 40 ms.
    [10, 20, 40].forEach((ceiling, n) => assert.ok(delays[n] >= ceiling / 2 && delays[n] <= ceiling, `delay ${n + 1}: ${delays[n]}`));
    assert.ok(delays.length >= 3);
    assert.equal(net.last().readyState, 1);
    const hellos = net.sent.filter((f) => f.flag === Flag.HANDSHAKE);
    assert.equal(hellos[hellos.length - 1].uuid, 1, 'a new session starts its uuids at 1');
    // The counter resets after success: the next loss waits the base delay again.
    states.length = 0;
    net.last().drop();
    await tick(5);
    const again = states.find((s) => s.state === 'reconnecting').delay;
    assert.ok(again >= 5 && again <= 10, `after a success the first wait is 5-10 ms again, not ${again}`);
    c.stop();
    assert.equal(states[states.length - 1].state, 'stopped');
});

test('stop() rejects pending calls at once and never reconnects', async () => {
    const net = fakeNetwork();
    net.members = [{ name: 'w', methods: ['hang'] }];
    net.onRequest = () => {};
    const c = client(net, { autoreconnect: true, reconnectDelay: 5 });
    const conn = await c.connect();
    const p = conn.rpc().hang();
    await tick(2);
    c.stop();
    await assert.rejects(p, /Client stopped/);
    await tick(30);
    assert.equal(net.sockets.length, 1);
});

test('connect() rejects with a clear message when nothing listens, and when the handshake is refused', async () => {
    const net = fakeNetwork();
    net.up = false;
    await assert.rejects(client(net).connect(), /could not connect to ws:\/\/fake .*is the router\/service running there/);
    const net2 = fakeNetwork();
    const orig = net2.WebSocket.prototype.send;
    net2.WebSocket.prototype.send = function (bytes) {
        const f = codec.decodeFrame(Uint8Array.from(bytes));
        setTimeout(() => this.push({ ...f, data: JSON.stringify({ meta: { type: 'router', error: 'go away' }, members: [] }) }), 1);
        net2.WebSocket.prototype.send = orig;
    };
    await assert.rejects(client(net2).connect(), /Handshake rejected by server: go away/);
    const net3 = fakeNetwork();
    net3.WebSocket.prototype.send = function (bytes) {
        const f = codec.decodeFrame(Uint8Array.from(bytes));
        setTimeout(() => this.push({ ...f, data: JSON.stringify({ meta: { type: 'router', error: null } }) }), 1);
    };
    await assert.rejects(client(net3).connect(), /unreadable handshake reply: it has no "members" list/);
    assert.throws(() => new DaffiClient('x', {}), /wsUrl is required/);
    assert.throws(() => new DaffiClient('a|b', { wsUrl: 'ws://x' }), /must not contain/);
});

test('the proxy is not thenable and serde names are checked', async () => {
    const net = fakeNetwork();
    const c = client(net);
    const conn = await c.connect();
    assert.equal(conn.rpc().then, undefined);
    assert.throws(() => conn.rpc({ serde: 'pickle' }), /Unknown serde/);
    c.stop();
});

test('generated names look like the reference: <host>-0x<8 hex>', () => {
    const c = new DaffiClient({ wsUrl: 'ws://x' });
    assert.match(c.name, /^browser-0x[0-9a-f]{8}$/);
});
