// Byte-for-byte checks of daffi.js's codec against ../shared/spec/JS_CLIENT.md §5 and
// PROTOCOL.md §15 (the vectors are copied here as hex so the test needs nothing outside js-client).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const msgpack = require('@msgpack/msgpack');
const DaffiClient = require('../daffi.js');

const { codec, Flag, Serde } = DaffiClient;
const hex = (s) => Uint8Array.from(Buffer.from(s.replace(/[^0-9a-f]/gi, ''), 'hex'));
const ascii = (s) => Uint8Array.from(Buffer.from(s, 'utf8'));
const cat = (...parts) => Uint8Array.from(Buffer.concat(parts.map((p) => Buffer.from(p))));
const toHex = (u8) => Buffer.from(u8).toString('hex');
const same = (actual, expected, msg) => assert.equal(toHex(actual), toHex(expected), msg);

// ── JS_CLIENT.md §5, client name "probe-client" ──

const JS_HELLO = hex(`
01 00 90 68 00 00 1c 00 81 70 72 6f 62 65 2d 63 6c 69 65 6e 74 7c 7c 7b 22 6d 65 74 61 22 3a 7b
22 74 79 70 65 22 3a 22 63 6c 69 65 6e 74 22 2c 22 65 72 72 6f 72 22 3a 6e 75 6c 6c 7d 2c 22 6d
65 6d 62 65 72 73 22 3a 5b 7b 22 6e 61 6d 65 22 3a 22 70 72 6f 62 65 2d 63 6c 69 65 6e 74 22 2c
22 6d 65 74 68 6f 64 73 22 3a 6e 75 6c 6c 7d 5d 7d`);

const JS_RPC_JSON = hex(`
02 00 91 33 00 00 32 00 81 70 72 6f 62 65 2d 63 6c 69 65 6e 74 7c 77 6f 72 6b 65 72 2d 31 7c 61
64 64 7b 22 61 72 67 73 22 3a 5b 33 2c 34 5d 2c 22 6b 77 61 72 67 73 22 3a 7b 7d 7d`);

const JS_RPC_JSON_REPLY = hex(`
02 00 12 31 00 00 32 00 81 77 6f 72 6b 65 72 2d 31 7c 70 72 6f 62 65 2d 63 6c 69 65 6e 74 7c 61
64 64 7b 22 61 72 67 73 22 3a 5b 37 5d 2c 22 6b 77 61 72 67 73 22 3a 7b 7d 7d`);

test('JS_CLIENT §5: hello of probe-client is the captured 113 bytes', () => {
    const f = codec.helloFrame('probe-client', 1);
    assert.equal(f.length, 113);
    same(f, JS_HELLO);
});

test('JS_CLIENT §5: rpc add(3,4) in JSON is the captured 60 bytes', () => {
    const body = codec.encodeArgs(Serde.JSON, [3, 4]);
    assert.equal(body.isBytes, false);
    const f = codec.encodeFrame({
        uuid: 2, flag: Flag.REQUEST, decoder: Serde.JSON, isBytes: body.isBytes, returnResult: true,
        transmitter: 'probe-client', receiver: 'worker-1', func: 'add', data: body.data,
    });
    assert.equal(f.length, 60);
    same(f, JS_RPC_JSON);
});

test('JS_CLIENT §5: the accepted JSON reply decodes to 7', () => {
    const fr = codec.decodeFrame(JS_RPC_JSON_REPLY);
    assert.deepEqual(
        { uuid: fr.uuid, flag: fr.flag, decoder: fr.decoder, isBytes: fr.isBytes, rr: fr.returnResult, msgLen: fr.msgLen, metaLen: fr.metadataLen },
        { uuid: 2, flag: Flag.RESPONSE, decoder: Serde.JSON, isBytes: false, rr: false, msgLen: 49, metaLen: 25 });
    assert.deepEqual([fr.transmitter, fr.receiver, fr.func], ['worker-1', 'probe-client', 'add']);
    assert.equal(codec.decodeValue(fr.decoder, fr.isBytes, fr.data), 7);
});

test('JS_CLIENT §5: rpc add(3,4) in msgpack is the captured 39 bytes, and its reply decodes to 7', () => {
    const body = codec.encodeArgs(Serde.MSGPACK, [3, 4], msgpack);
    same(body.data, hex('92 92 03 04 80'));
    const f = codec.encodeFrame({
        uuid: 3, flag: Flag.REQUEST, decoder: Serde.MSGPACK, isBytes: body.isBytes, returnResult: true,
        transmitter: 'probe-client', receiver: 'worker-1', func: 'add', data: body.data,
    });
    same(f, cat(hex('03 00 f1 1e 00 00 32 00 81'), ascii('probe-client|worker-1|add'), hex('92 92 03 04 80')));
    assert.equal(f.length, 39);
    const reply = codec.decodeFrame(cat(hex('03 00 72 1d 00 00 32 00 81'), ascii('worker-1|probe-client|add'), hex('92 91 07 80')));
    assert.equal(reply.flag, Flag.RESPONSE);
    assert.equal(reply.decoder, Serde.MSGPACK);
    assert.equal(reply.isBytes, true);
    assert.equal(codec.decodeValue(reply.decoder, reply.isBytes, reply.data, msgpack), 7);
});

test('JS_CLIENT §5: rpc_nowait ping() has return_result 0', () => {
    const body = codec.encodeArgs(Serde.JSON, []);
    const f = codec.encodeFrame({
        uuid: 4, flag: Flag.REQUEST, decoder: Serde.JSON, isBytes: false, returnResult: false,
        transmitter: 'probe-client', receiver: 'worker-1', func: 'ping', data: body.data,
    });
    same(f, cat(hex('04 00 11 31 00 00 34 00 81'), ascii('probe-client|worker-1|ping'), ascii('{"args":[],"kwargs":{}}')));
});

test('JS_CLIENT §5: server-to-client examples parse', () => {
    const mini = codec.decodeFrame(cat(hex('00 00 10 62 00 00 04 00 81'), ascii('||{"meta":{"type":"router","error":null},"members":[{"name":"worker-2","methods":["add","ping"]}]}')));
    assert.equal(mini.flag, Flag.HANDSHAKE);
    assert.equal(mini.uuid, 0);
    assert.deepEqual(JSON.parse(Buffer.from(mini.data)).members, [{ name: 'worker-2', methods: ['add', 'ping'] }]);

    const conn = codec.decodeFrame(cat(hex('00 00 14 2a 00 00 04 00 81'), ascii('||{"type":"connected","member":"worker-2"}')));
    assert.equal(conn.flag, Flag.EVENTS);
    assert.deepEqual(JSON.parse(Buffer.from(conn.data)), { type: 'connected', member: 'worker-2' });

    const err = codec.decodeFrame(cat(hex('05 00 13 56 00 00 34 00 81'), ascii('worker-1|probe-client|fail{"args":[["ValueError","builtins","boom",null]],"kwargs":{}}')));
    assert.equal(err.flag, Flag.ERROR);
    const e = codec.decodeRemoteError(err);
    assert.ok(e instanceof Error);
    assert.ok(e instanceof DaffiClient.RemoteCallError);
    assert.equal(e.name, 'ValueError');
    assert.equal(e.type, 'ValueError');
    assert.equal(e.module, 'builtins');
    assert.equal(e.message, 'boom');
    assert.equal(e.receiver, 'worker-1');
    assert.equal(e.func, 'fail');
    assert.equal(String(e), 'ValueError: boom');
});

test('JS_CLIENT §5: the fake router handshake reply is accepted', () => {
    const body = '{"meta":{"type":"router","error":null},"members":[{"name":"probe-client","methods":null},{"name":"worker-1","methods":["add","ping"]}]}';
    const f = codec.decodeFrame(cat(hex('01 00 90 95 00 00 1c 00 81'), ascii('probe-client||'), ascii(body)));
    assert.equal(f.msgLen, 149);
    assert.equal(f.transmitter, 'probe-client');
    assert.equal(JSON.parse(Buffer.from(f.data)).members.length, 2);
});

// ── PROTOCOL.md §15 ──

const V2 = hex(`
01 00 90 5c 00 00 10 00 81 63 61 6c 6c 65 72 7c 7c 7b 22 6d 65 74 61 22 3a 7b 22 74 79 70 65 22
3a 22 63 6c 69 65 6e 74 22 2c 22 65 72 72 6f 72 22 3a 6e 75 6c 6c 7d 2c 22 6d 65 6d 62 65 72 73
22 3a 5b 7b 22 6e 61 6d 65 22 3a 22 63 61 6c 6c 65 72 22 2c 22 6d 65 74 68 6f 64 73 22 3a 6e 75
6c 6c 7d 5d 7d`);
const V3 = hex(`
01 00 90 5f 00 00 10 00 81 77 6f 72 6b 65 72 7c 7c 7b 22 6d 65 74 61 22 3a 7b 22 74 79 70 65 22
3a 22 63 6c 69 65 6e 74 22 2c 22 65 72 72 6f 72 22 3a 6e 75 6c 6c 7d 2c 22 6d 65 6d 62 65 72 73
22 3a 5b 7b 22 6e 61 6d 65 22 3a 22 77 6f 72 6b 65 72 22 2c 22 6d 65 74 68 6f 64 73 22 3a 5b 22
61 64 64 22 5d 7d 5d 7d`);
const V4 = hex(`
01 00 90 80 00 00 10 00 81 63 61 6c 6c 65 72 7c 7c 7b 22 6d 65 74 61 22 3a 7b 22 74 79 70 65 22
3a 22 72 6f 75 74 65 72 22 2c 22 65 72 72 6f 72 22 3a 6e 75 6c 6c 7d 2c 22 6d 65 6d 62 65 72 73
22 3a 5b 7b 22 6e 61 6d 65 22 3a 22 77 6f 72 6b 65 72 22 2c 22 6d 65 74 68 6f 64 73 22 3a 5b 22
61 64 64 22 5d 7d 2c 7b 22 6e 61 6d 65 22 3a 22 63 61 6c 6c 65 72 22 2c 22 6d 65 74 68 6f 64 73
22 3a 6e 75 6c 6c 7d 5d 7d`);
const V5 = hex(`
02 00 91 2f 00 00 22 00 81 63 61 6c 6c 65 72 7c 77 6f 72 6b 65 72 7c 61 64 64 7b 22 61 72 67 73
22 3a 20 5b 33 2c 20 34 5d 2c 20 22 6b 77 61 72 67 73 22 3a 20 7b 7d 7d`);
const V6 = hex(`
02 00 12 2c 00 00 22 00 81 77 6f 72 6b 65 72 7c 63 61 6c 6c 65 72 7c 61 64 64 7b 22 61 72 67 73
22 3a 20 5b 37 5d 2c 20 22 6b 77 61 72 67 73 22 3a 20 7b 7d 7d`);
const V7 = hex(`
02 00 13 52 00 00 22 00 81 77 6f 72 6b 65 72 7c 63 61 6c 6c 65 72 7c 61 64 64 7b 22 61 72 67 73
22 3a 20 5b 5b 22 54 79 70 65 45 72 72 6f 72 22 2c 20 22 62 75 69 6c 74 69 6e 73 22 2c 20 22 62
6f 6f 6d 22 2c 20 6e 75 6c 6c 5d 5d 2c 20 22 6b 77 61 72 67 73 22 3a 20 7b 7d 7d`);
const V8 = hex(`
00 00 14 28 00 00 04 00 81 7c 7c 7b 22 74 79 70 65 22 3a 22 63 6f 6e 6e 65 63 74 65 64 22 2c 22
6d 65 6d 62 65 72 22 3a 22 63 61 6c 6c 65 72 22 7d`);

test('PROTOCOL §15 V2: caller hello, 101 bytes, byte for byte', () => {
    same(codec.helloFrame('caller', 1), V2);
    assert.equal(V2.length, 101);
});

test('PROTOCOL §15 V3: worker hello re-encodes byte for byte from its fields', () => {
    const f = codec.decodeFrame(V3);
    same(codec.encodeFrame({ ...f, data: f.data }), V3);
    assert.deepEqual(JSON.parse(Buffer.from(f.data)).members, [{ name: 'worker', methods: ['add'] }]);
});

test('PROTOCOL §15 V4: router reply to caller (header echoes the hello)', () => {
    const f = codec.decodeFrame(V4);
    assert.deepEqual([f.uuid, f.flag, f.decoder, f.isBytes, f.returnResult, f.msgLen, f.metadataLen], [1, 0, 1, false, true, 128, 8]);
    assert.equal(f.transmitter, 'caller');
    const body = JSON.parse(Buffer.from(f.data));
    assert.deepEqual(body, { meta: { type: 'router', error: null }, members: [{ name: 'worker', methods: ['add'] }, { name: 'caller', methods: null }] });
    same(codec.encodeFrame({ ...f }), V4);
});

test('PROTOCOL §15 V5: request add(3,4), Python spacing and the compact JS variant', () => {
    const f = codec.decodeFrame(V5);
    assert.deepEqual([f.uuid, f.flag, f.decoder, f.isBytes, f.returnResult, f.msgLen, f.metadataLen], [2, 1, 1, false, true, 47, 17]);
    assert.deepEqual([f.transmitter, f.receiver, f.func], ['caller', 'worker', 'add']);
    same(codec.encodeFrame({ ...f }), V5);
    const js = codec.encodeFrame({
        uuid: 2, flag: Flag.REQUEST, decoder: Serde.JSON, isBytes: false, returnResult: true,
        transmitter: 'caller', receiver: 'worker', func: 'add', data: codec.encodeArgs(Serde.JSON, [3, 4]).data,
    });
    assert.equal(js.length, 52);
    same(js.subarray(0, 9), hex('02 00 91 2b 00 00 22 00 81'));
});

test('PROTOCOL §15 V6: response 7', () => {
    const f = codec.decodeFrame(V6);
    assert.deepEqual([f.uuid, f.flag, f.decoder, f.isBytes, f.returnResult, f.msgLen, f.metadataLen], [2, 2, 1, false, false, 44, 17]);
    assert.equal(codec.decodeValue(f.decoder, f.isBytes, f.data), 7);
    same(codec.encodeFrame({ ...f }), V6);
});

test('PROTOCOL §15 V7: error TypeError("boom") becomes an Error with type and message', () => {
    const f = codec.decodeFrame(V7);
    assert.equal(f.flag, Flag.ERROR);
    assert.equal(f.msgLen, 82);
    const e = codec.decodeRemoteError(f);
    assert.ok(e instanceof Error);
    assert.equal(e.type, 'TypeError');
    assert.equal(e.message, 'boom');
    assert.equal(e.module, 'builtins');
    assert.equal(e.remoteTraceback, null);
});

test('PROTOCOL §15 V8-V10: events and mini-handshake headers', () => {
    const v8 = codec.decodeFrame(V8);
    assert.deepEqual([v8.uuid, v8.flag, v8.decoder, v8.returnResult, v8.msgLen, v8.metadataLen], [0, 4, 1, false, 40, 2]);
    assert.deepEqual(JSON.parse(Buffer.from(v8.data)), { type: 'connected', member: 'caller' });
    const ev = (body) => codec.encodeFrame({ uuid: 0, flag: Flag.EVENTS, decoder: Serde.JSON, data: body });
    same(ev('{"type":"connected","member":"caller"}'), V8);
    const v9 = ev('{"type":"disconnected","member":"worker"}');
    assert.equal(v9.length, 52);
    same(v9.subarray(0, 9), hex('00 00 14 2b 00 00 04 00 81'));
    const v10 = codec.encodeFrame({ uuid: 0, flag: Flag.HANDSHAKE, decoder: Serde.JSON, data: '{"meta":{"type":"router","error":null},"members":[{"name":"w2","methods":["add"]}]}' });
    assert.equal(v10.length, 94);
    same(v10.subarray(0, 9), hex('00 00 10 55 00 00 04 00 81'));
});

test('PROTOCOL §15 V11: service topology headers', () => {
    const data = ascii('{"args": [3, 4], "kwargs": {}}');
    const req = codec.encodeFrame({ uuid: 2, flag: Flag.REQUEST, decoder: Serde.JSON, returnResult: true, transmitter: 'caller', receiver: 'calc', func: 'add', data });
    assert.equal(req.length, 54);
    same(req.subarray(0, 9), hex('02 00 91 2d 00 00 1e 00 81'));
    const resp = codec.encodeFrame({ uuid: 2, flag: Flag.RESPONSE, decoder: Serde.JSON, transmitter: 'calc', receiver: 'caller', func: 'add', data: ascii('{"args": [7], "kwargs": {}}') });
    assert.equal(resp.length, 51);
    same(resp.subarray(0, 9), hex('02 00 12 2a 00 00 1e 00 81'));
    const reply = codec.encodeFrame({ uuid: 1, flag: Flag.HANDSHAKE, decoder: Serde.JSON, returnResult: true, transmitter: 'caller', data: '{"meta":{"type":"service","error":null},"members":[{"name":"calc","methods":["add"]}]}' });
    assert.equal(reply.length, 103);
    same(reply.subarray(0, 9), hex('01 00 90 5e 00 00 10 00 81'));
});

test('PROTOCOL §15 V12: an OPAQUE error text becomes an Error', () => {
    const f = codec.decodeFrame(cat(hex('01 00 83 37 00 00 10 00 81'), ascii('caller||failed to parse handshake message: UnknownField')));
    assert.deepEqual([f.flag, f.decoder, f.returnResult, f.msgLen], [3, 0, true, 55]);
    const e = codec.decodeRemoteError(f);
    assert.ok(e instanceof Error);
    assert.equal(e.message, 'failed to parse handshake message: UnknownField');
});

test('PROTOCOL §15 V13: msgpack payloads and header byte 2 = 0xF1', () => {
    same(codec.encodeArgs(Serde.MSGPACK, [3, 4], msgpack).data, hex('92 92 03 04 80'));
    assert.equal(codec.decodeValue(Serde.MSGPACK, true, hex('92 91 07 80'), msgpack), 7);
    assert.equal(codec.encodeHeader({ uuid: 1, flag: 1, decoder: 3, isBytes: true, returnResult: true, msgLen: 0, metadataLen: 0 })[2], 0xf1);
});

// ── beyond the vectors ──

test('header fields at their limits round-trip (25-bit msg_len, 15-bit metadata_len, u16 uuid)', () => {
    for (const h of [
        { uuid: 0xffff, flag: 4, decoder: 3, isBytes: true, returnResult: true, msgLen: 0x1ffffff, metadataLen: 0x7fff },
        { uuid: 0, flag: 0, decoder: 0, isBytes: false, returnResult: false, msgLen: 0, metadataLen: 0 },
        { uuid: 0x1234, flag: 2, decoder: 2, isBytes: true, returnResult: false, msgLen: 0x1000000, metadataLen: 0x80 },
    ]) {
        const b = codec.encodeHeader(h);
        assert.equal(b[8], 0x81);
        assert.deepEqual(codec.decodeHeader(b), h);
    }
    assert.throws(() => codec.encodeHeader({ uuid: 1, flag: 1, decoder: 1, msgLen: 0x2000000, metadataLen: 0 }), RangeError);
    assert.throws(() => codec.encodeHeader({ uuid: 1, flag: 1, decoder: 1, msgLen: 10, metadataLen: 11 }), RangeError);
});

test('raw payloads keep every 0x00 byte, both ways', () => {
    const bytes = Uint8Array.from([1, 0, 2, 0, 0, 255, 0]);
    const body = codec.encodeArgs(Serde.OPAQUE, [bytes]);
    assert.equal(body.isBytes, true);
    same(body.data, bytes);
    const f = codec.decodeFrame(codec.encodeFrame({ uuid: 9, flag: Flag.REQUEST, decoder: 0, isBytes: true, returnResult: true, transmitter: 'a', receiver: 'b', func: 'echo', data: body.data }));
    same(f.data, bytes);
    same(codec.decodeValue(Serde.OPAQUE, true, f.data), bytes);
    // msgpack add(0,4) is 92 92 00 04 80: the reference client cut it at the 0x00.
    same(codec.encodeArgs(Serde.MSGPACK, [0, 4], msgpack).data, hex('92 92 00 04 80'));
    same(codec.encodeArgs(Serde.OPAQUE, [bytes.buffer]).data, bytes);
    same(codec.encodeArgs(Serde.OPAQUE, ['héllo']).data, ascii('héllo'));
    assert.throws(() => codec.encodeArgs(Serde.OPAQUE, [1, 2]), TypeError);
    assert.throws(() => codec.encodeArgs(Serde.OPAQUE, [{ a: 1 }]), TypeError);
});

test('raw replies: bytes stay a Uint8Array, text is JSON when it parses, else the string', () => {
    assert.ok(codec.decodeValue(Serde.OPAQUE, true, ascii('42')) instanceof Uint8Array);
    assert.equal(codec.decodeValue(Serde.OPAQUE, false, ascii('42')), 42);
    assert.equal(codec.decodeValue(Serde.OPAQUE, false, ascii('None')), 'None');
});

test('serde names and codes', () => {
    assert.equal(codec.serdeCode(undefined), 1);
    assert.equal(codec.serdeCode('json'), 1);
    assert.equal(codec.serdeCode(1), 1);
    assert.equal(codec.serdeCode('msgpack'), 3);
    assert.equal(codec.serdeCode(3), 3);
    assert.equal(codec.serdeCode('raw'), 0);
    assert.equal(codec.serdeCode(0), 0);
    assert.throws(() => codec.serdeCode('pickle'), TypeError);
    assert.throws(() => codec.serdeCode(2), TypeError);
});

test('malformed messages are refused with a reason, never half-parsed', () => {
    assert.throws(() => codec.decodeFrame(hex('01 00 90')), /9 bytes/);
    assert.throws(() => codec.decodeFrame(cat(hex('01 00 15 05 00 00 04 00 81'), ascii('||abc'))), /flag 5/);
    assert.throws(() => codec.decodeFrame(cat(hex('01 00 12 10 00 00 04 00 81'), ascii('||abc'))), /truncated/);
    assert.throws(() => codec.decodeFrame(cat(hex('01 00 12 02 00 00 08 00 81'), ascii('||'))), /exceeds/);
    assert.throws(() => codec.decodeFrame(cat(hex('01 00 12 03 00 00 06 00 81'), ascii('|||'))), /two "\|"/);
    assert.throws(() => codec.encodeFrame({ uuid: 1, flag: 1, decoder: 1, transmitter: 'a|b' }), TypeError);
});

test('a Python pickle error (what a worker sends for a failing "raw" call) is read', () => {
    // pickle.dumps(((("ValueError", "builtins", "boom", None),), {}), protocol=P) from CPython 3.11
    const vectors = {
        2: '80 02 28 58 0a 00 00 00 56 61 6c 75 65 45 72 72 6f 72 71 00 58 08 00 00 00 62 75 69 6c 74 69 6e 73 71 01 58 04 00 00 00 62 6f 6f 6d 71 02 4e 74 71 03 85 71 04 7d 71 05 86 71 06 2e',
        4: '80 04 95 2a 00 00 00 00 00 00 00 28 8c 0a 56 61 6c 75 65 45 72 72 6f 72 94 8c 08 62 75 69 6c 74 69 6e 73 94 8c 04 62 6f 6f 6d 94 4e 74 94 85 94 7d 94 86 94 2e',
        5: '80 05 95 2a 00 00 00 00 00 00 00 28 8c 0a 56 61 6c 75 65 45 72 72 6f 72 94 8c 08 62 75 69 6c 74 69 6e 73 94 8c 04 62 6f 6f 6d 94 4e 74 94 85 94 7d 94 86 94 2e',
    };
    for (const [proto, h] of Object.entries(vectors)) {
        const e = codec.decodeRemoteError({ flag: 3, decoder: Serde.PICKLE, isBytes: true, data: hex(h), transmitter: 'w', func: 'f' });
        assert.equal(e.type, 'ValueError', `protocol ${proto}`);
        assert.equal(e.message, 'boom', `protocol ${proto}`);
        assert.equal(e.module, 'builtins');
    }
});

test('reconnect back-off doubles from the base delay and is capped at 60 s', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => codec.reconnectDelayFor(2000, n, 1)), [2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    assert.deepEqual([1, 2, 3, 7].map((n) => codec.reconnectDelayFor(2000, n, 0)), [1000, 2000, 4000, 30000]);
    assert.equal(codec.reconnectDelayFor(100, 1, 1), 100);
});

test('reconnect back-off is jittered over the upper half of its ceiling', () => {
    const seen = new Set();
    for (let i = 0; i < 2000; i++) {
        const d = codec.reconnectDelayFor(2000, 1);
        assert.ok(d >= 1000 && d <= 2000, `delay ${d} outside [1000, 2000]`);
        seen.add(Math.floor(d / 10));
    }
    assert.ok(seen.size > 80, `2000 pages retried in only ${seen.size} of 100 ten-millisecond slots`);
});

test('vendor/msgpack.min.js is the pinned @msgpack/msgpack UMD build, unchanged', () => {
    const root = path.join(__dirname, '..');
    const vendored = fs.readFileSync(path.join(root, 'vendor', 'msgpack.min.js'));
    const pinned = fs.readFileSync(require.resolve('@msgpack/msgpack/dist.umd/msgpack.min.js', { paths: [root] }));
    assert.ok(vendored.equals(pinned), 'vendor/msgpack.min.js differs from node_modules: copy it again');
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    assert.equal(lock.packages['node_modules/@msgpack/msgpack'].version, '3.1.3');
});
