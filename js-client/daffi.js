/*!
 * daffi.js — browser (and Node) client for a daffi 3.0 network over ws:// or wss://.
 * Part of daffi-qt. Plain JavaScript: no WebAssembly, no build step.
 *
 * Load it as a classic script (defines the global DaffiClient):
 *   <script src="daffi.js"></script>
 * or as an ES module through the three-line shim next to it:
 *   import { DaffiClient } from './daffi.mjs';
 * or from Node: require('daffi-qt-client') / import { DaffiClient } from 'daffi-qt-client'.
 *
 * MessagePack ("msgpack" serde) uses @msgpack/msgpack. In a browser, when no msgpack library is on
 * the page yet, vendor/msgpack.min.js (next to this file) is loaded the first time a msgpack call
 * is made; a page may also load it (or msgpack-lite) itself, or pass { msgpack: lib }.
 */
(function (root, factory) {
    'use strict';
    var api = factory(root);
    if (typeof module === 'object' && module && module.exports) {
        module.exports = api.DaffiClient;
        module.exports.DaffiClient = api.DaffiClient;
        module.exports.default = api.DaffiClient;
    } else {
        root.DaffiClient = api.DaffiClient;
    }
})(typeof globalThis !== 'undefined' ? globalThis : this, function (root) {
    'use strict';

    // ───────────────────────────── wire constants ─────────────────────────────

    var Flag = Object.freeze({ HANDSHAKE: 0, REQUEST: 1, RESPONSE: 2, ERROR: 3, EVENTS: 4 });
    var Serde = Object.freeze({ OPAQUE: 0, JSON: 1, PICKLE: 2, MSGPACK: 3 });
    var HEADER_SIZE = 9;
    var MAX_MSG_LEN = 0x1ffffff;      // 25 bits
    var MAX_METADATA_LEN = 0x7fff;    // 15 bits
    var RECONNECT_CAP_MS = 60000;

    var utf8Encoder = new TextEncoder();
    var utf8Decoder = new TextDecoder('utf-8');

    // Where the vendored msgpack lives: next to this script when it was loaded by a <script> tag.
    var scriptUrl = (typeof document !== 'undefined' && document.currentScript && document.currentScript.src) || null;

    // ───────────────────────────── errors ─────────────────────────────

    function defineError(name, parent) {
        function E(message, props) {
            var self = Reflect.construct(Error, [message], new.target || E);
            if (props) Object.assign(self, props);
            return self;
        }
        E.prototype = Object.create(parent.prototype, {
            constructor: { value: E, writable: true, configurable: true },
            name: { value: name, writable: true, configurable: true },
        });
        Object.setPrototypeOf(E, parent);
        return E;
    }

    /** Base class of every error this client produces. */
    var DaffiError = defineError('DaffiError', Error);
    /** The connection went away (socket closed, evicted, stopped) before the answer came. */
    var ConnectionClosedError = defineError('ConnectionClosedError', DaffiError);
    /** No answer within the call's timeout (ms). */
    var CallTimeoutError = defineError('TimeoutError', DaffiError);
    /** Nothing sent: no member with that name exposes that function. */
    var ReceiverNotFoundError = defineError('ReceiverNotFound', DaffiError);

    /**
     * The remote callback raised. err.name and err.type are the remote exception's class name
     * (e.g. "ValueError"), err.message its message, err.module its module, err.remoteTraceback
     * the traceback text when the worker sent one; err.receiver / err.func say who and what.
     */
    var RemoteCallError = defineError('RemoteCallError', DaffiError);

    function remoteError(type, module, message, traceback, extra) {
        var err = new RemoteCallError(message == null ? '' : String(message), extra);
        err.type = type == null ? 'RemoteCallError' : String(type);
        err.name = err.type;
        err.module = module == null ? null : String(module);
        err.remoteTraceback = traceback == null ? null : traceback;
        return err;
    }

    // ───────────────────────────── codec ─────────────────────────────

    function encodeHeader(h) {
        var msgLen = h.msgLen >>> 0, metaLen = h.metadataLen >>> 0, uuid = h.uuid & 0xffff;
        if (msgLen > MAX_MSG_LEN) throw new RangeError('daffi message too large: ' + msgLen + ' bytes (max ' + MAX_MSG_LEN + ')');
        if (metaLen > MAX_METADATA_LEN) throw new RangeError('daffi metadata too long: ' + metaLen + ' bytes (max ' + MAX_METADATA_LEN + ')');
        if (metaLen > msgLen) throw new RangeError('metadata_len exceeds msg_len');
        var b = new Uint8Array(HEADER_SIZE);
        b[0] = uuid & 0xff;
        b[1] = uuid >>> 8;
        b[2] = (h.flag & 0x0f) | ((h.decoder & 0x03) << 4) | (h.isBytes ? 0x40 : 0) | (h.returnResult ? 0x80 : 0);
        b[3] = msgLen & 0xff;
        b[4] = (msgLen >>> 8) & 0xff;
        b[5] = (msgLen >>> 16) & 0xff;
        b[6] = ((msgLen >>> 24) & 0x01) | ((metaLen & 0x7f) << 1);
        b[7] = (metaLen >>> 7) & 0xff;
        b[8] = 0x81; // msg_parts = 1, little endian
        return b;
    }

    function decodeHeader(b) {
        if (!b || b.length < HEADER_SIZE) throw new RangeError('daffi header needs 9 bytes, got ' + (b ? b.length : 0));
        return {
            uuid: b[0] | (b[1] << 8),
            flag: b[2] & 0x0f,
            decoder: (b[2] >>> 4) & 0x03,
            isBytes: (b[2] & 0x40) !== 0,
            returnResult: (b[2] & 0x80) !== 0,
            msgLen: b[3] | (b[4] << 8) | (b[5] << 16) | ((b[6] & 0x01) << 24),
            metadataLen: (b[6] >>> 1) | (b[7] << 7),
        };
    }

    function checkName(what, s) {
        if (s.indexOf('|') !== -1) throw new TypeError(what + ' must not contain "|": ' + JSON.stringify(s));
    }

    /** One complete daffi message: header, "transmitter|receiver|func", data. */
    function encodeFrame(f) {
        var transmitter = f.transmitter || '', receiver = f.receiver || '', func = f.func || '';
        checkName('transmitter', transmitter); checkName('receiver', receiver); checkName('function name', func);
        var meta = utf8Encoder.encode(transmitter + '|' + receiver + '|' + func);
        var data = f.data == null ? new Uint8Array(0) : (typeof f.data === 'string' ? utf8Encoder.encode(f.data) : f.data);
        var header = encodeHeader({
            uuid: f.uuid, flag: f.flag, decoder: f.decoder, isBytes: f.isBytes, returnResult: f.returnResult,
            msgLen: meta.length + data.length, metadataLen: meta.length,
        });
        var out = new Uint8Array(HEADER_SIZE + meta.length + data.length);
        out.set(header, 0);
        out.set(meta, HEADER_SIZE);
        out.set(data, HEADER_SIZE + meta.length);
        return out;
    }

    /** Parses one WebSocket message (exactly one daffi message); throws on anything malformed. */
    function decodeFrame(bytes) {
        var h = decodeHeader(bytes);
        if (h.flag > 4) throw new RangeError('invalid daffi flag ' + h.flag);
        if (h.metadataLen > h.msgLen) throw new RangeError('metadata_len ' + h.metadataLen + ' exceeds msg_len ' + h.msgLen);
        if (bytes.length < HEADER_SIZE + h.msgLen) throw new RangeError('truncated daffi message: header says ' + (HEADER_SIZE + h.msgLen) + ' bytes, got ' + bytes.length);
        var meta = utf8Decoder.decode(bytes.subarray(HEADER_SIZE, HEADER_SIZE + h.metadataLen));
        var parts = meta.split('|');
        if (parts.length !== 3) throw new RangeError('daffi metadata needs exactly two "|": ' + JSON.stringify(meta));
        h.transmitter = parts[0];
        h.receiver = parts[1];
        h.func = parts[2];
        h.data = bytes.subarray(HEADER_SIZE + h.metadataLen, HEADER_SIZE + h.msgLen);
        return h;
    }

    function helloFrame(name, uuid) {
        return encodeFrame({
            uuid: uuid, flag: Flag.HANDSHAKE, decoder: Serde.JSON, isBytes: false, returnResult: true,
            transmitter: name,
            data: JSON.stringify({ meta: { type: 'client', error: null }, members: [{ name: name, methods: null }] }),
        });
    }

    function serdeCode(opt) {
        switch (opt == null ? 'json' : opt) {
            case 'json': case 1: return Serde.JSON;
            case 'raw': case 0: return Serde.OPAQUE;
            case 'msgpack': case 3: return Serde.MSGPACK;
            default: throw new TypeError('Unknown serde ' + JSON.stringify(opt) + '. Use "json" (1), "msgpack" (3) or "raw" (0).');
        }
    }

    function asBytes(v) {
        if (v instanceof Uint8Array) return v;
        if (typeof ArrayBuffer !== 'undefined') {
            if (v instanceof ArrayBuffer) return new Uint8Array(v);
            if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        }
        return null;
    }

    /** Request body for args in a serde: { data: Uint8Array, isBytes }. */
    function encodeArgs(serde, args, mp) {
        if (serde === Serde.JSON) {
            return { data: utf8Encoder.encode(JSON.stringify({ args: args, kwargs: {} })), isBytes: false };
        }
        if (serde === Serde.MSGPACK) {
            if (!mp) throw new DaffiError('serde "msgpack" needs a msgpack library (load vendor/msgpack.min.js or pass { msgpack })');
            return { data: toUint8(mp.encode([args, {}])), isBytes: true };
        }
        if (serde === Serde.OPAQUE) {
            if (args.length > 1) throw new TypeError('serde "raw" takes exactly one argument (a Uint8Array, ArrayBuffer or string), got ' + args.length);
            if (args.length === 0 || args[0] == null) return { data: new Uint8Array(0), isBytes: true };
            var a = args[0], bytes = asBytes(a);
            if (bytes) return { data: bytes, isBytes: true };
            if (typeof a === 'string') return { data: utf8Encoder.encode(a), isBytes: true };
            if (typeof a === 'number' || typeof a === 'boolean' || typeof a === 'bigint') return { data: utf8Encoder.encode(String(a)), isBytes: true };
            throw new TypeError('serde "raw" takes a Uint8Array, ArrayBuffer or string; use "json" or "msgpack" for ' + Object.prototype.toString.call(a));
        }
        throw new TypeError('serde ' + serde + ' (PICKLE) is Python-only');
    }

    function toUint8(x) { return x instanceof Uint8Array ? x : new Uint8Array(x); }

    /** The value carried by a RESPONSE/ERROR body: args[0] for JSON and msgpack, the body for raw. */
    function decodeValue(decoder, isBytes, data, mp) {
        if (decoder === Serde.JSON) {
            var obj = JSON.parse(utf8Decoder.decode(data));
            return obj && Array.isArray(obj.args) ? obj.args[0] : obj;
        }
        if (decoder === Serde.MSGPACK) {
            if (!mp) throw new DaffiError('got a msgpack reply but no msgpack library is loaded');
            var dec = mp.decode(data);
            return Array.isArray(dec) && Array.isArray(dec[0]) ? dec[0][0] : dec;
        }
        if (decoder === Serde.OPAQUE) {
            // Binary stays binary (with every 0x00). Text is JSON when it parses, else the string.
            if (isBytes) return data.slice();
            var text = utf8Decoder.decode(data);
            try { return JSON.parse(text); } catch (e) { return text; }
        }
        var p = unpickle(data);
        return Array.isArray(p) && Array.isArray(p[0]) ? p[0][0] : p;
    }

    /** An ERROR message as an Error object carrying the remote exception's type and message. */
    function decodeRemoteError(frame, mp) {
        var extra = { receiver: frame.transmitter, func: frame.func };
        var value;
        try {
            if (frame.decoder === Serde.OPAQUE) {
                // Server-generated error text (e.g. an unroutable call or a rejected hello).
                var text = utf8Decoder.decode(frame.data);
                var m = /^([A-Za-z_][\w.]*): ([\s\S]*)$/.exec(text);
                if (m && m[1].indexOf(' ') === -1 && /^[A-Z]/.test(m[1])) return remoteError(m[1], null, m[2], null, extra);
                return remoteError('RemoteCallError', null, text, null, extra);
            }
            value = decodeValue(frame.decoder, frame.isBytes, frame.data, mp);
        } catch (e) {
            return remoteError('RemoteCallError', null, 'undecodable error reply (' + e.message + ')', null, extra);
        }
        if (Array.isArray(value) && value.length >= 3 && typeof value[0] === 'string') {
            return remoteError(value[0], value[1], value[2], value.length > 3 ? value[3] : null, extra);
        }
        return remoteError('RemoteCallError', null, typeof value === 'string' ? value : JSON.stringify(value), null, extra);
    }

    /**
     * Just enough of Python's pickle to read what a Python worker sends for an error on a "raw"
     * call: ((type, module, message, traceback),), {}) with strings, None, numbers, bools,
     * tuples, lists and dicts. Anything else throws.
     */
    function unpickle(bytes) {
        var i = 0, stack = [], marks = [], memo = {};
        var dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        function need(n) { if (i + n > bytes.length) throw new RangeError('truncated pickle'); }
        function str(n) { need(n); var s = utf8Decoder.decode(bytes.subarray(i, i + n)); i += n; return s; }
        function popMark() { var m = marks.pop(); if (m === undefined) throw new RangeError('pickle MARK missing'); var items = stack.slice(m); stack.length = m; return items; }
        function u32() { need(4); var v = dv.getUint32(i, true); i += 4; return v; }
        for (;;) {
            need(1);
            var op = bytes[i++];
            switch (op) {
                case 0x80: need(1); i += 1; break;                                  // PROTO
                case 0x95: need(8); i += 8; break;                                  // FRAME
                case 0x2e: if (stack.length !== 1) throw new RangeError('bad pickle stack'); return stack[0]; // STOP
                case 0x28: marks.push(stack.length); break;                         // MARK
                case 0x4e: stack.push(null); break;                                 // NONE
                case 0x88: stack.push(true); break;                                 // NEWTRUE
                case 0x89: stack.push(false); break;                                // NEWFALSE
                case 0x4b: need(1); stack.push(bytes[i]); i += 1; break;            // BININT1
                case 0x4d: need(2); stack.push(dv.getUint16(i, true)); i += 2; break; // BININT2
                case 0x4a: need(4); stack.push(dv.getInt32(i, true)); i += 4; break;  // BININT
                case 0x47: need(8); stack.push(dv.getFloat64(i, false)); i += 8; break; // BINFLOAT
                case 0x8c: need(1); var n1 = bytes[i++]; stack.push(str(n1)); break; // SHORT_BINUNICODE
                case 0x58: stack.push(str(u32())); break;                           // BINUNICODE
                case 0x8d: need(8); var lo = u32(); i += 4; stack.push(str(lo)); break; // BINUNICODE8
                case 0x43: need(1); var nb = bytes[i++]; need(nb); stack.push(bytes.slice(i, i + nb)); i += nb; break; // SHORT_BINBYTES
                case 0x42: var nB = u32(); need(nB); stack.push(bytes.slice(i, i + nB)); i += nB; break; // BINBYTES
                case 0x29: stack.push([]); break;                                   // EMPTY_TUPLE
                case 0x85: stack.push([stack.pop()]); break;                        // TUPLE1
                case 0x86: var b2 = stack.pop(), a2 = stack.pop(); stack.push([a2, b2]); break; // TUPLE2
                case 0x87: var c3 = stack.pop(), b3 = stack.pop(), a3 = stack.pop(); stack.push([a3, b3, c3]); break; // TUPLE3
                case 0x74: stack.push(popMark()); break;                            // TUPLE
                case 0x5d: stack.push([]); break;                                   // EMPTY_LIST
                case 0x6c: stack.push(popMark()); break;                            // LIST
                case 0x61: var v1 = stack.pop(); stack[stack.length - 1].push(v1); break; // APPEND
                case 0x65: var vs = popMark(); Array.prototype.push.apply(stack[stack.length - 1], vs); break; // APPENDS
                case 0x7d: stack.push({}); break;                                   // EMPTY_DICT
                case 0x73: var sv = stack.pop(), sk = stack.pop(); stack[stack.length - 1][sk] = sv; break; // SETITEM
                case 0x75: var kv = popMark(), d = stack[stack.length - 1]; for (var k = 0; k + 1 < kv.length; k += 2) d[kv[k]] = kv[k + 1]; break; // SETITEMS
                case 0x94: memo[Object.keys(memo).length] = stack[stack.length - 1]; break; // MEMOIZE
                case 0x71: need(1); memo[bytes[i++]] = stack[stack.length - 1]; break; // BINPUT
                case 0x72: memo[u32()] = stack[stack.length - 1]; break;            // LONG_BINPUT
                case 0x68: need(1); stack.push(memo[bytes[i++]]); break;            // BINGET
                case 0x6a: stack.push(memo[u32()]); break;                          // LONG_BINGET
                default: throw new RangeError('unsupported pickle opcode 0x' + op.toString(16));
            }
        }
    }

    // Exponential back-off with "equal jitter" (as the C++ and Python clients): attempt n has a
    // ceiling of baseMs * 2^(n-1), capped at 60 s, and waits a random delay in its upper half, so
    // the pages of a whole fleet do not come back to a restarted router in the same millisecond.
    // `unit` (in [0, 1), Math.random() when omitted) makes the curve testable.
    function reconnectDelayFor(baseMs, attempt, unit) {
        var ceiling = Math.min(baseMs * Math.pow(2, Math.max(0, attempt - 1)), RECONNECT_CAP_MS);
        var u = unit == null ? Math.random() : Math.min(Math.max(Number(unit), 0), 1);
        return Math.round(ceiling / 2 + (ceiling / 2) * u);
    }

    // ───────────────────────────── msgpack library lookup ─────────────────────────────

    function isMsgpackLib(x) { return !!x && typeof x.encode === 'function' && typeof x.decode === 'function'; }

    function findMsgpack(explicit) {
        if (isMsgpackLib(explicit)) return explicit;
        if (isMsgpackLib(DaffiClient.msgpack)) return DaffiClient.msgpack;
        if (isMsgpackLib(root.MessagePack)) return root.MessagePack;      // @msgpack/msgpack UMD
        if (isMsgpackLib(root.msgpack)) return root.msgpack;              // msgpack-lite, as the reference used
        if (typeof require === 'function') {
            try { var lib = require('@msgpack/msgpack'); if (isMsgpackLib(lib)) return (DaffiClient.msgpack = lib); } catch (e) { /* not installed */ }
        }
        return null;
    }

    var msgpackLoading = null;
    /** Resolves to a msgpack library, loading vendor/msgpack.min.js into the page if needed. */
    function loadMsgpack(explicit) {
        var lib = findMsgpack(explicit);
        if (lib) return Promise.resolve(lib);
        var url = DaffiClient.msgpackUrl || (scriptUrl ? new URL('vendor/msgpack.min.js', scriptUrl).href : null);
        if (typeof document === 'undefined' || !url) {
            return Promise.reject(new DaffiError('serde "msgpack" needs @msgpack/msgpack: load vendor/msgpack.min.js before daffi.js, or pass { msgpack: lib }'));
        }
        if (!msgpackLoading) {
            msgpackLoading = new Promise(function (resolve, reject) {
                var s = document.createElement('script');
                s.src = url;
                s.onload = function () {
                    var l = findMsgpack(explicit);
                    if (l) resolve(l); else reject(new DaffiError(url + ' loaded but defined no MessagePack global'));
                };
                s.onerror = function () { msgpackLoading = null; reject(new DaffiError('could not load ' + url + ' for serde "msgpack"')); };
                document.head.appendChild(s);
            });
        }
        return msgpackLoading;
    }

    // ───────────────────────────── client ─────────────────────────────

    function generateName() {
        var host = (typeof location !== 'undefined' && location.hostname) ? location.hostname : 'browser';
        var r = (Math.random() * 0x100000000) >>> 0;
        return host + '-0x' + ('00000000' + r.toString(16)).slice(-8);
    }

    var nextClientId = 1;

    /**
     * new DaffiClient(name?, { wsUrl, autoreconnect = false, reconnectDelay = 2000,
     *                           connectTimeout = 8000, handshakeTimeout = 5000, WebSocket, msgpack, log })
     */
    function DaffiClient(name, options) {
        if (!(this instanceof DaffiClient)) throw new TypeError('DaffiClient must be called with new');
        if (name !== null && typeof name === 'object') { options = name; name = undefined; }
        options = options || {};
        if (!options.wsUrl) {
            throw new DaffiError('[daffi] options.wsUrl is required, e.g. { wsUrl: "ws://127.0.0.1:6000" } (there is no default).');
        }
        this.name = name || generateName();
        checkName('client name', this.name);
        this.wsUrl = String(options.wsUrl);
        this.autoreconnect = !!options.autoreconnect;
        this.reconnectDelay = options.reconnectDelay != null ? Number(options.reconnectDelay) : 2000;
        this.connectTimeout = options.connectTimeout != null ? Number(options.connectTimeout) : 8000;
        this.handshakeTimeout = options.handshakeTimeout != null ? Number(options.handshakeTimeout) : 5000;
        this.closed = true;
        this.connNum = null;        // session number: 1 for the first socket, +1 per reconnect
        this.serverType = null;     // "router" or "service" after the handshake
        this.eventHandlers = [];
        this.stateHandlers = [];
        this._WebSocket = options.WebSocket || null;
        this._msgpack = options.msgpack || null;
        this._log = options.log === false ? function () {} : (typeof options.log === 'function' ? options.log : function (level, msg) {
            if (typeof console !== 'undefined' && console[level]) console[level]('[daffi] ' + msg);
        });
        this._id = nextClientId++;
        this._socket = null;
        this._sessions = 0;
        this._uuid = 0;
        this._pending = new Map();   // uuid -> { resolve, reject, timer, receiver, func, serde }
        this._members = new Map();   // name -> methods array | null (insertion order)
        this._rr = 0;
        this._memberWaiters = new Set();
        this._intentionalClose = false;
        this._evicted = false;
        this._reconnectAttempt = 0;
        this._reconnectTimer = null;
        this._connecting = null;
        this._connection = null;
        this._abortOpen = null;
    }

    DaffiClient.prototype.addEventHandler = function (fn) {
        if (typeof fn !== 'function') throw new TypeError('addEventHandler takes a function');
        this.eventHandlers.push(fn);
        var list = this.eventHandlers;
        return function remove() { var i = list.indexOf(fn); if (i >= 0) list.splice(i, 1); };
    };

    /**
     * fn({ state, attempt?, delay?, error? }) on every change of the link: "connecting",
     * "connected", "disconnected", "reconnecting" (with attempt and delay in ms), "evicted",
     * "stopped".
     */
    DaffiClient.prototype.addStateHandler = function (fn) {
        if (typeof fn !== 'function') throw new TypeError('addStateHandler takes a function');
        this.stateHandlers.push(fn);
        var list = this.stateHandlers;
        return function remove() { var i = list.indexOf(fn); if (i >= 0) list.splice(i, 1); };
    };

    DaffiClient.prototype._emitState = function (ev) {
        this.state = ev.state;
        var hs = this.stateHandlers.slice();
        for (var i = 0; i < hs.length; i++) {
            try { hs[i](ev); } catch (e) { this._log('error', 'state handler threw: ' + e); }
        }
    };

    Object.defineProperty(DaffiClient.prototype, 'pendingMessages', {
        get: function () {
            var out = {};
            this._pending.forEach(function (p, uuid) { out[uuid] = { receiver: p.receiver, func: p.func }; });
            return out;
        },
    });

    /** Connects (or returns the pending connect) and resolves to the client's one Connection. */
    DaffiClient.prototype.connect = function () {
        var self = this;
        if (!self.closed && self._connection) return Promise.resolve(self._connection);
        if (self._connecting) return self._connecting;
        self._intentionalClose = false;
        self._evicted = false;
        if (self._reconnectTimer) { clearTimeout(self._reconnectTimer); self._reconnectTimer = null; }
        self._connecting = self._open().then(function () {
            self._connecting = null;
            self._reconnectAttempt = 0;
            return self._connection || (self._connection = new Connection(self));
        }, function (err) {
            self._connecting = null;
            throw err;
        });
        return self._connecting;
    };

    /** Closes the socket for good: no reconnect; pending calls reject at once. */
    DaffiClient.prototype.stop = function () {
        this._intentionalClose = true;
        if (this._reconnectTimer) { clearTimeout(this._reconnectTimer); this._reconnectTimer = null; }
        var wasOpen = !this.closed;
        this.closed = true;
        this._failAll(new ConnectionClosedError('Client stopped'));
        this._rejectMemberWaiters(new ConnectionClosedError('Client stopped'));
        if (this._abortOpen) this._abortOpen(new ConnectionClosedError('Client stopped while connecting'));
        if (this._socket) {
            var s = this._socket;
            this._detach(s);
            try { s.close(); } catch (e) { /* already closing */ }
        }
        if (wasOpen || this.state !== 'stopped') this._emitState({ state: 'stopped' });
    };

    DaffiClient.prototype._wsCtor = function () {
        var C = this._WebSocket || root.WebSocket;
        if (!C) throw new DaffiError('no WebSocket implementation: pass { WebSocket } (e.g. the "ws" package) in Node < 22');
        return C;
    };

    DaffiClient.prototype._detach = function (s) {
        s.onopen = s.onmessage = s.onerror = s.onclose = null;
        if (this._socket === s) this._socket = null;
    };

    /** One attempt: open a socket, send the hello, wait for the reply. */
    DaffiClient.prototype._open = function () {
        var self = this;
        self._emitState({ state: 'connecting' });
        return new Promise(function (resolve, reject) { new Opening(self, resolve, reject).dial(); });
    };

    /**
     * One connection attempt, one step a method: dial() opens the socket (connect deadline),
     * hello() sends our hello (handshake deadline), received() sorts what arrives until the reply.
     * It ends once: connected() resolves, fail() rejects and closes the socket.
     */
    function Opening(client, resolve, reject) {
        this.client = client;
        this.resolve = resolve;
        this.reject = reject;
        this.socket = null;
        this.timer = null;
        this.settled = false;
        this.helloUuid = 0;
    }

    Opening.prototype.dial = function () {
        var self = this, c = self.client, WS = c._wsCtor(), s;
        try { s = new WS(c.wsUrl); } catch (e) { self.reject(new DaffiError('cannot open ' + c.wsUrl + ': ' + e.message)); return; }
        s.binaryType = 'arraybuffer';
        self.socket = c._socket = s;
        c._abortOpen = function (err) { self.fail(err); };
        self.deadline(c.connectTimeout, 'could not connect to ' + c.wsUrl + ' within ' + c.connectTimeout + ' ms; is the router/service running there?');
        // Browsers follow an error with close; Node's WebSocket may not, so either one fails the attempt.
        s.onerror = function () {
            self.fail(new DaffiError('could not connect to ' + c.wsUrl + ' (WebSocket error: refused, TLS certificate not trusted, or not a daffi server)'));
        };
        s.onclose = function (ev) {
            self.fail(new DaffiError('could not connect to ' + c.wsUrl + ' (WebSocket closed' + (ev && ev.code ? ', code ' + ev.code : '') + '); is the router/service running there?'));
        };
        s.onopen = function () { self.hello(); };
    };

    Opening.prototype.deadline = function (ms, message) {
        var self = this;
        clearTimeout(self.timer);
        self.timer = setTimeout(function () { self.fail(new DaffiError(message)); }, ms);
    };

    Opening.prototype.hello = function () {
        var self = this, c = self.client;
        c._sessions += 1;
        c.connNum = c._sessions;
        c._uuid = 0;
        c._members.clear();
        c._rr = 0;
        self.helloUuid = c._nextUuid();
        self.deadline(c.handshakeTimeout, 'no handshake reply from ' + c.wsUrl + ' within ' + c.handshakeTimeout + ' ms');
        self.socket.onmessage = function (ev) { self.received(ev.data); };
        try { self.socket.send(helloFrame(c.name, self.helloUuid)); } catch (e) { self.fail(new DaffiError('could not send the handshake: ' + e.message)); }
    };

    /** While our hello waits: its refusal, its reply, or membership news (e.g. a Service's broadcast). */
    Opening.prototype.received = function (data) {
        var c = this.client, frame;
        try { frame = decodeFrame(new Uint8Array(data)); } catch (e) {
            c._log('warn', 'dropped a malformed message during the handshake: ' + e.message);
            return;
        }
        var answersHello = frame.uuid === this.helloUuid && frame.transmitter === c.name;
        if (answersHello && frame.flag === Flag.ERROR) this.fail(new DaffiError('handshake refused by ' + c.wsUrl + ': ' + utf8Decoder.decode(frame.data)));
        else if (answersHello && frame.flag === Flag.HANDSHAKE) this.replied(frame);
        else c._dispatch(frame);
    };

    Opening.prototype.replied = function (frame) {
        var body;
        try { body = JSON.parse(utf8Decoder.decode(frame.data)); } catch (e) {
            this.fail(new DaffiError('unreadable handshake reply: ' + e.message));
            return;
        }
        if (body && body.meta && body.meta.error != null) this.fail(new DaffiError('Handshake rejected by server: ' + body.meta.error));
        else if (!body || !Array.isArray(body.members)) this.fail(new DaffiError('unreadable handshake reply: it has no "members" list'));
        else this.connected(body);
    };

    Opening.prototype.connected = function (body) {
        var c = this.client, s = this.socket;
        if (!this.end()) return;
        c._setMembers(body.members, true);
        c.serverType = body.meta ? body.meta.type : null;
        c.closed = false;
        s.onmessage = function (ev) { c._onMessage(ev.data); };
        s.onclose = function (ev) { c._onClose(s, ev); };
        c._log('log', '"' + c.name + '" connected. type: ' + c.serverType);
        c._emitState({ state: 'connected', session: c.connNum });
        this.resolve();
    };

    Opening.prototype.fail = function (err) {
        if (!this.end()) return;
        this.client._detach(this.socket);
        try { this.socket.close(); } catch (e) { /* ignore */ }
        this.reject(err);
    };

    /** False if the attempt had already ended. */
    Opening.prototype.end = function () {
        if (this.settled) return false;
        this.settled = true;
        this.client._abortOpen = null;
        clearTimeout(this.timer);
        return true;
    };

    DaffiClient.prototype._nextUuid = function () {
        for (var tries = 0; tries < 0x10000; tries++) {
            this._uuid = this._uuid >= 0xffff ? 1 : this._uuid + 1;
            if (!this._pending.has(this._uuid)) return this._uuid;
        }
        throw new DaffiError('65535 calls are already waiting for answers');
    };

    DaffiClient.prototype._onMessage = function (data) {
        var frame;
        try { frame = decodeFrame(new Uint8Array(data)); } catch (e) {
            this._log('warn', 'dropped a malformed message: ' + e.message);
            return;
        }
        this._dispatch(frame);
    };

    DaffiClient.prototype._dispatch = function (frame) {
        var receive = RECEIVE[frame.flag];
        if (receive) receive.call(this, frame);
        else this._log('warn', 'ignored a message with flag ' + frame.flag);
    };

    /** What a connected client does with each kind of message, by header flag (`this` is the client). */
    var RECEIVE = {};
    RECEIVE[Flag.HANDSHAKE] = function (frame) {
        var body = this._jsonBody(frame, 'HANDSHAKE');
        if (body && Array.isArray(body.members)) this._setMembers(body.members, frame.transmitter === this.name);
    };
    RECEIVE[Flag.RESPONSE] = function (frame) {
        var p = this._takePending(frame.uuid), value;
        if (!p) return;
        try { value = decodeValue(frame.decoder, frame.isBytes, frame.data, findMsgpack(this._msgpack)); } catch (e) {
            p.reject(new DaffiError('could not decode the answer of ' + p.func + ' from ' + frame.transmitter + ': ' + e.message));
            return;
        }
        p.resolve(value);
    };
    RECEIVE[Flag.ERROR] = function (frame) {
        var p = this._takePending(frame.uuid);
        if (p) p.reject(decodeRemoteError(frame, findMsgpack(this._msgpack)));
    };
    RECEIVE[Flag.EVENTS] = function (frame) {
        var ev = this._jsonBody(frame, 'EVENTS');
        if (ev && typeof ev.type === 'string' && typeof ev.member === 'string') this._onEvent(ev);
    };

    /** The frame's JSON body, or undefined (logged) when it does not parse. */
    DaffiClient.prototype._jsonBody = function (frame, kind) {
        try { return JSON.parse(utf8Decoder.decode(frame.data)); } catch (e) { this._log('warn', 'bad ' + kind + ' JSON: ' + e.message); }
        return undefined;
    };

    /** The waiter for an answer, no longer pending; undefined for a late answer after a timeout. */
    DaffiClient.prototype._takePending = function (uuid) {
        var p = this._pending.get(uuid);
        if (p) this._settle(uuid);
        return p;
    };

    DaffiClient.prototype._onEvent = function (ev) {
        var ourEviction = ev.type === 'evicted' && ev.member === this.name;
        if (ev.type === 'disconnected' || (ev.type === 'evicted' && !ourEviction)) this._memberGone(ev.member);
        var handlers = this.eventHandlers.slice();
        for (var i = 0; i < handlers.length; i++) {
            try { handlers[i]({ type: ev.type, member: ev.member }); } catch (e) { this._log('error', 'event handler threw: ' + e); }
        }
        if (ourEviction) this._evictedByNewcomer();
    };

    /** Another member left: forget it, and reject the calls that wait on it. */
    DaffiClient.prototype._memberGone = function (name) {
        var self = this;
        if (self._members.delete(name)) self._membersChanged();
        self._pending.forEach(function (p, uuid) {
            if (p.receiver === name) {
                self._settle(uuid);
                p.reject(new ConnectionClosedError('"' + name + '" disconnected', { receiver: name, func: p.func }));
            }
        });
    };

    /** Another connection took our name: stay down (reconnecting would evict it in turn). */
    DaffiClient.prototype._evictedByNewcomer = function () {
        var s = this._socket;
        this._evicted = true;
        this._intentionalClose = true;
        this._goDown(new ConnectionClosedError('Evicted: another client connected as "' + this.name + '"'));
        if (s) { this._detach(s); try { s.close(); } catch (e) { /* ignore */ } }
        this._emitState({ state: 'evicted' });
    };

    DaffiClient.prototype._setMembers = function (members, replaceAll) {
        if (replaceAll) this._members.clear();
        for (var i = 0; i < members.length; i++) {
            var m = members[i];
            if (!m || typeof m.name !== 'string') continue;
            this._members.set(m.name, Array.isArray(m.methods) ? m.methods.slice() : null);
        }
        this._membersChanged();
    };

    DaffiClient.prototype._membersChanged = function () {
        var ws = Array.from(this._memberWaiters);
        for (var i = 0; i < ws.length; i++) ws[i].check();
    };

    DaffiClient.prototype._rejectMemberWaiters = function (err) {
        var ws = Array.from(this._memberWaiters);
        for (var i = 0; i < ws.length; i++) ws[i].fail(err);
    };

    DaffiClient.prototype._settle = function (uuid) {
        var p = this._pending.get(uuid);
        if (!p) return;
        if (p.timer) clearTimeout(p.timer);
        this._pending.delete(uuid);
    };

    DaffiClient.prototype._failAll = function (err) {
        var self = this;
        var all = Array.from(self._pending.entries());
        for (var i = 0; i < all.length; i++) {
            self._settle(all[i][0]);
            var e = new ConnectionClosedError(err.message, { receiver: all[i][1].receiver, func: all[i][1].func });
            all[i][1].reject(e);
        }
    };

    DaffiClient.prototype._goDown = function (err) {
        this.closed = true;
        this._members.clear();
        this._failAll(err);
    };

    DaffiClient.prototype._onClose = function (s, ev) {
        this._detach(s);
        var wasOpen = !this.closed;
        this._goDown(new ConnectionClosedError('Connection closed unexpectedly'));
        if (wasOpen) {
            this._log('warn', 'connection to ' + this.wsUrl + ' lost' + (ev && ev.code ? ' (code ' + ev.code + ')' : ''));
            this._emitState({ state: 'disconnected', code: ev && ev.code });
        }
        this._scheduleReconnect();
    };

    DaffiClient.prototype._scheduleReconnect = function () {
        var self = this;
        if (self._intentionalClose || self._evicted || !self.autoreconnect || self._reconnectTimer) return;
        self._reconnectAttempt += 1;
        var attempt = self._reconnectAttempt;
        var delay = reconnectDelayFor(self.reconnectDelay, attempt);
        self._log('log', 'reconnecting to ' + self.wsUrl + ' in ' + (delay / 1000).toFixed(1) + ' s (attempt ' + attempt + ')');
        self._emitState({ state: 'reconnecting', attempt: attempt, delay: delay });
        self._reconnectTimer = setTimeout(function () {
            self._reconnectTimer = null;
            if (self._intentionalClose) return;
            self._connecting = self._open().then(function () {
                self._connecting = null;
                self._reconnectAttempt = 0;
            }, function (err) {
                self._connecting = null;
                self._log('warn', 'reconnect attempt ' + attempt + ' failed: ' + err.message);
                self._scheduleReconnect();
            });
        }, delay);
    };

    /** The receiver of a call on the open connection: explicit, else round-robin over members exposing func. */
    DaffiClient.prototype._target = function (receiver, func) {
        var self = this;
        if (self.closed || !self._socket) throw new ConnectionClosedError('Connection is closed', { func: func });
        if (receiver) {
            var methods = self._members.get(receiver);
            if (receiver !== self.name && methods && methods.indexOf(func) !== -1) return receiver;
            throw self._notFound(func, receiver);
        }
        var cands = [];
        self._members.forEach(function (m, name) { if (name !== self.name && m && m.indexOf(func) !== -1) cands.push(name); });
        if (!cands.length) throw self._notFound(func, null);
        self._rr = (self._rr + 1) % cands.length;
        return cands[self._rr];
    };

    DaffiClient.prototype._notFound = function (func, receiver) {
        var self = this, lines = [];
        self._members.forEach(function (m, name) {
            if (name !== self.name) lines.push('  ' + name + ': ' + (m && m.length ? '[' + m.join(', ') + ']' : '(no callbacks)'));
        });
        return new ReceiverNotFoundError(
            'Unable to proceed with rpc call(fn: \'' + func + '\')' + (receiver ? ' to "' + receiver + '"' : '') +
            ': ReceiverNotFound. The peer is either not connected, or it has no @callback named "' + func + '".\n' +
            'Connected peers:\n' + (lines.length ? lines.join('\n') : '  (none connected)'),
            { receiver: receiver, func: func });
    };

    /** Sends one REQUEST; resolves to the answer (or undefined without return_result). */
    DaffiClient.prototype._call = function (func, args, o) {
        var self = this;
        // Sent synchronously when possible, so requests leave in the order they were made.
        if (o.serde === Serde.MSGPACK && !findMsgpack(self._msgpack)) {
            return loadMsgpack(self._msgpack).then(function (mp) { return self._send(func, args, o, mp); });
        }
        try { return self._send(func, args, o, o.serde === Serde.MSGPACK ? findMsgpack(self._msgpack) : null); } catch (e) { return Promise.reject(e); }
    };

    DaffiClient.prototype._send = function (func, args, o, mp) {
        var self = this;
        var receiver = self._target(o.receiver, func);
        var body = encodeArgs(o.serde, args, mp);
        var uuid = self._nextUuid();
        var frame = encodeFrame({
            uuid: uuid, flag: Flag.REQUEST, decoder: o.serde, isBytes: body.isBytes, returnResult: !!o.returnResult,
            transmitter: self.name, receiver: receiver, func: func, data: body.data,
        });
        if (!o.returnResult) { self._socket.send(frame); return Promise.resolve(undefined); }
        return new Promise(function (resolve, reject) {
            var entry = { resolve: resolve, reject: reject, timer: null, receiver: receiver, func: func };
            if (o.timeout > 0) {
                entry.timer = setTimeout(function () {
                    self._pending.delete(uuid);
                    reject(new CallTimeoutError('Operation timed out: ' + func + ' on "' + receiver + '" gave no answer within ' + o.timeout + ' ms',
                        { receiver: receiver, func: func, timeout: o.timeout }));
                }, o.timeout);
            }
            self._pending.set(uuid, entry);
            try { self._socket.send(frame); } catch (e) { self._settle(uuid); reject(new ConnectionClosedError('send failed: ' + e.message)); }
        });
    };

    DaffiClient.prototype._targets = function (func, filter) {
        var self = this, out = [];
        self._members.forEach(function (m, name) {
            if (name === self.name || !m || m.indexOf(func) === -1) return;
            if (filter && !filter.some(function (f) { return name.indexOf(f) === 0; })) return;
            out.push(name);
        });
        return out;
    };

    // ───────────────────────────── Connection ─────────────────────────────

    function callOptions(options, returnResult, defaultSerde) {
        options = options || {};
        return {
            receiver: options.receiver || '',
            timeout: options.timeout ? Number(options.timeout) : 0,
            serde: serdeCode(options.serde != null ? options.serde : defaultSerde),
            returnResult: returnResult,
        };
    }

    function callProxy(makeFn) {
        return new Proxy({}, {
            get: function (_, prop) {
                // Not a remote function: keeps `await conn.rpc()` and console.log(proxy) harmless.
                if (typeof prop !== 'string' || prop === 'then' || prop === 'toJSON') return undefined;
                return makeFn(prop);
            },
        });
    }

    function receiverFilter(r) {
        if (!r) return null;
        return Array.isArray(r) ? r.map(String) : [String(r)];
    }

    /**
     * A call style: conn.<style>(options) checks the connection, then returns the proxy whose
     * properties are bound functions, bind(client, func, callOptions, options) for each name.
     */
    function callStyle(returnResult, defaultSerde, bind) {
        return function (options) {
            this._open();
            var c = this.client, o = callOptions(options, returnResult, defaultSerde);
            return callProxy(function (func) { return bind(c, func, o, options); });
        };
    }

    function oneCall(c, func, o) {
        return function () { return c._call(func, Array.prototype.slice.call(arguments), o); };
    }

    /** One call per target; resolves to {member: result}, or rejects with the first error, whose .results holds every outcome. */
    function castCall(c, func, o, options) {
        var filter = receiverFilter(options && options.receiver);
        return function () {
            var args = Array.prototype.slice.call(arguments);
            var targets = c._targets(func, filter);
            if (!targets.length) return Promise.reject(new ReceiverNotFoundError('No connected peer exposes "' + func + '"', { func: func }));
            return Promise.allSettled(targets.map(function (name) {
                return c._call(func, args, { receiver: name, timeout: o.timeout, serde: o.serde, returnResult: true });
            })).then(function (outcomes) {
                var results = {}, firstError = null;
                outcomes.forEach(function (r, i) {
                    results[targets[i]] = r.status === 'fulfilled' ? r.value : r.reason;
                    if (r.status === 'rejected' && !firstError) firstError = r.reason;
                });
                if (firstError) { firstError.results = results; throw firstError; }
                return results;
            });
        };
    }

    /** One fire-and-forget call per target; resolves to the members sent to. */
    function castNowaitCall(c, func, o, options) {
        var filter = receiverFilter(options && options.receiver);
        return function () {
            var args = Array.prototype.slice.call(arguments);
            var targets = c._targets(func, filter);
            return Promise.all(targets.map(function (name) {
                return c._call(func, args, { receiver: name, serde: o.serde, returnResult: false });
            })).then(function () { return targets; });
        };
    }

    function chunksOf(gen) {
        return (gen != null && typeof gen !== 'string' && !asBytes(gen) && typeof gen[Symbol.iterator] === 'function') ? gen : [gen];
    }

    /**
     * One call per chunk, every chunk to one worker: the receiver option, or the one round-robin
     * picks for the first chunk. If that worker leaves, the chunk it holds rejects the stream and
     * no chunk goes elsewhere. Resolves to the number of chunks sent.
     */
    function streamCall(c, func, o) {
        return async function (gen) {
            var pinned = null, n = 0;
            for (var chunk of chunksOf(gen)) {
                if (!pinned) pinned = Object.assign({}, o, { receiver: c._target(o.receiver, func) });
                await c._call(func, [chunk], pinned);
                n++;
            }
            return n;
        };
    }

    /** The object connect() resolves to; the same one keeps working across reconnects. */
    function Connection(client) { this.client = client; }

    Connection.prototype._open = function () {
        if (this.client.closed) throw new ConnectionClosedError('Connection is closed');
    };

    /** conn.rpc({receiver, timeout (ms), serde}).fn(...args) -> Promise<result> */
    Connection.prototype.rpc = callStyle(true, 'json', oneCall);
    /** conn.rpc_nowait({receiver, serde}).fn(...args) -> Promise<undefined> once sent */
    Connection.prototype.rpc_nowait = callStyle(false, 'json', oneCall);
    /**
     * conn.cast({receiver (prefix or list of prefixes), timeout, serde}).fn(...args)
     * -> Promise<{member: result}>. If one target fails the promise rejects with that error, whose
     * .results holds every target's outcome (value or Error).
     */
    Connection.prototype.cast = callStyle(true, 'json', castCall);
    /** conn.cast_nowait({receiver, serde}).fn(...args) -> Promise<string[]> of the members sent to */
    Connection.prototype.cast_nowait = callStyle(false, 'json', castNowaitCall);
    /** conn.stream({receiver, timeout, serde = "raw"}).fn(iterable): one acknowledged call per chunk, one worker. */
    Connection.prototype.stream = callStyle(true, 'raw', streamCall);
    /** conn.stream_nowait({receiver, serde = "raw"}).fn(iterable): every chunk without waiting, one worker. */
    Connection.prototype.stream_nowait = callStyle(false, 'raw', streamCall);

    /** [{name, methods|null}] as this client currently sees the network (itself included). */
    Connection.prototype.members = function () {
        var out = [];
        this.client._members.forEach(function (m, name) { out.push({ name: name, methods: m ? m.slice() : null }); });
        return out;
    };
    Connection.prototype._members = Connection.prototype.members;

    /**
     * Resolves once every name is a member. Woken by membership messages as they arrive; the
     * interval (ms, default 1000) is only a fallback re-check. Survives reconnects; rejects on
     * timeout (ms) or stop().
     */
    Connection.prototype.waitForMembers = function (names, options) {
        this._open();
        var c = this.client;
        var wanted = (Array.isArray(names) ? names : [names]).map(String);
        options = options || {};
        var timeout = options.timeout != null ? Number(options.timeout) : null;
        var interval = options.interval != null ? Number(options.interval) : 1000;
        return new Promise(function (resolve, reject) {
            var timer = null, poll = null;
            var w = {
                check: function () {
                    if (wanted.every(function (n) { return c._members.has(n); })) { done(); resolve(); }
                },
                fail: function (err) { done(); reject(err); },
            };
            function done() {
                c._memberWaiters.delete(w);
                if (timer) clearTimeout(timer);
                if (poll) clearInterval(poll);
            }
            c._memberWaiters.add(w);
            if (timeout != null) {
                timer = setTimeout(function () {
                    var missing = wanted.filter(function (n) { return !c._members.has(n); });
                    w.fail(new CallTimeoutError('Timed out waiting for members: ' + missing.join(', ')));
                }, timeout);
            }
            if (interval > 0) poll = setInterval(w.check, interval);
            w.check();
        });
    };

    // ───────────────────────────── exports ─────────────────────────────

    DaffiClient.Connection = Connection;
    DaffiClient.DaffiError = DaffiError;
    DaffiClient.RemoteCallError = RemoteCallError;
    DaffiClient.ConnectionClosedError = ConnectionClosedError;
    DaffiClient.TimeoutError = CallTimeoutError;
    DaffiClient.ReceiverNotFoundError = ReceiverNotFoundError;
    DaffiClient.Flag = Flag;
    DaffiClient.Serde = Serde;
    DaffiClient.msgpack = null;      // set to a msgpack library to use it everywhere
    DaffiClient.msgpackUrl = null;   // where to load @msgpack/msgpack's UMD file from, if not next to daffi.js
    DaffiClient.codec = Object.freeze({
        HEADER_SIZE: HEADER_SIZE, MAX_MSG_LEN: MAX_MSG_LEN,
        encodeHeader: encodeHeader, decodeHeader: decodeHeader,
        encodeFrame: encodeFrame, decodeFrame: decodeFrame, helloFrame: helloFrame,
        serdeCode: serdeCode, encodeArgs: encodeArgs, decodeValue: decodeValue,
        decodeRemoteError: decodeRemoteError, unpickle: unpickle,
        reconnectDelayFor: reconnectDelayFor, findMsgpack: findMsgpack, loadMsgpack: loadMsgpack,
    });

    return { DaffiClient: DaffiClient };
});
