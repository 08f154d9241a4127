// Type declarations for daffi.js, the browser and Node client of a daffi 3.0 network (daffi-qt).
// This file describes the CommonJS module and the classic script's global DaffiClient;
// daffi.d.mts describes the ES module. README.md documents the behaviour.

declare namespace DaffiClient {
    // module.exports.DaffiClient and module.exports.default are the class itself.
    export import DaffiClient = DaffiClientClass;
    export { DaffiClientClass as default };

    /** A payload convention: "json" (1, the default), "msgpack" (3) or "raw" (0: bytes or text). */
    export type Serde = 'json' | 'msgpack' | 'raw' | 0 | 1 | 3;

    /** Any remote function by name: `conn.rpc().add(3, 4)`. What a call resolves to depends on the style. */
    export type RemoteFunctions<Result> = {
        readonly [func: string]: (...args: any[]) => Promise<Result>;
    };

    /** A streaming remote function: takes an iterable of chunks (or one chunk), resolves to the count sent.
     *  Every chunk of one stream goes to one worker: the receiver given, or one picked round-robin per stream. */
    export type StreamFunctions = {
        readonly [func: string]: (chunks: unknown) => Promise<number>;
    };

    /** The WebSocket constructor to use (the browser's or Node 22's global by default, e.g. the `ws` package's otherwise). */
    export type WebSocketConstructor = new (url: string) => {
        binaryType: string;
        send(data: Uint8Array): void;
        close(): void;
        onopen: ((ev: any) => void) | null;
        onmessage: ((ev: { data: any }) => void) | null;
        onerror: ((ev: any) => void) | null;
        onclose: ((ev: { code?: number }) => void) | null;
    };

    /** A msgpack library: @msgpack/msgpack (bundled in vendor/) or msgpack-lite. */
    export interface MsgpackLibrary {
        encode(value: unknown): Uint8Array | ArrayLike<number>;
        decode(data: Uint8Array): unknown;
    }

    export interface ClientOptions {
        /** `ws://host:port` or `wss://host:port` of daffi-router or a daffi Service. */
        wsUrl: string;
        /** Reconnect after a lost connection: attempt n waits a random delay between half and all of
         *  reconnectDelay·2^(n−1) ms (capped at 60 s), so a fleet of pages does not return at once. */
        autoreconnect?: boolean;
        /** Milliseconds (default 2000). */
        reconnectDelay?: number;
        /** Milliseconds to open the socket (default 8000). */
        connectTimeout?: number;
        /** Milliseconds for the handshake reply (default 5000). */
        handshakeTimeout?: number;
        WebSocket?: WebSocketConstructor;
        msgpack?: MsgpackLibrary;
        /** false silences the client; a function receives every line it would log. */
        log?: false | ((level: 'log' | 'warn' | 'error', message: string) => void);
    }

    export interface CallOptions {
        /** The member to call; without it, round-robin over the members exposing the function. */
        receiver?: string;
        /** Milliseconds; none (or 0) waits for ever. */
        timeout?: number;
        serde?: Serde;
    }

    export interface NowaitOptions {
        receiver?: string;
        serde?: Serde;
    }

    export interface CastOptions {
        /** Only members whose name starts with this prefix (or one of these). */
        receiver?: string | readonly string[];
        timeout?: number;
        serde?: Serde;
    }

    export interface CastNowaitOptions {
        receiver?: string | readonly string[];
        serde?: Serde;
    }

    export interface WaitOptions {
        /** Milliseconds; null (the default) waits for ever. */
        timeout?: number | null;
        /** Milliseconds between fallback re-checks (default 1000). */
        interval?: number;
    }

    export interface Member {
        name: string;
        /** The functions it exposes; null for a member without callbacks. */
        methods: string[] | null;
    }

    export interface MemberEvent {
        type: 'connected' | 'disconnected' | 'evicted';
        member: string;
    }

    export type StateEvent =
        | { state: 'connecting' }
        | { state: 'connected'; session: number }
        | { state: 'disconnected'; code?: number }
        | { state: 'reconnecting'; attempt: number; delay: number }
        | { state: 'evicted' }
        | { state: 'stopped' };

    /** What connect() resolves to: the call styles. The same object works again after a reconnect. */
    export class Connection {
        private constructor();
        readonly client: DaffiClient;
        rpc<Result = any>(options?: CallOptions): RemoteFunctions<Result>;
        /** Resolves once the request is sent; no answer comes back. */
        rpc_nowait(options?: NowaitOptions): RemoteFunctions<undefined>;
        /** Every member exposing the function: resolves to { member: result }. */
        cast<Result = any>(options?: CastOptions): RemoteFunctions<Record<string, Result>>;
        /** Resolves to the names of the members the request was sent to. */
        cast_nowait(options?: CastNowaitOptions): RemoteFunctions<string[]>;
        /** One acknowledged call per chunk (serde "raw" by default). */
        stream(options?: CallOptions): StreamFunctions;
        stream_nowait(options?: NowaitOptions): StreamFunctions;
        /** The network as this client sees it, itself included. */
        members(): Member[];
        waitForMembers(names: string | readonly string[], options?: WaitOptions): Promise<void>;
    }

    /** What err.receiver, err.func (and for a failed cast err.results) tell on every error. */
    export interface CallContext {
        receiver?: string | null;
        func?: string;
        /** A failed cast: every target's outcome, a value or an Error. */
        results?: Record<string, unknown>;
    }

    /** Base class of every error this client produces. */
    export class DaffiError extends Error implements CallContext {
        constructor(message?: string, props?: object);
        receiver?: string | null;
        func?: string;
        results?: Record<string, unknown>;
    }
    /** The remote callback raised: name and type are the remote exception's class name. */
    export class RemoteCallError extends DaffiError {
        type: string;
        module: string | null;
        remoteTraceback: unknown;
    }
    /** The socket closed, the receiver left, the client was evicted or stopped. */
    export class ConnectionClosedError extends DaffiError {}
    /** No answer within the call's timeout (ms); a late answer is dropped. */
    export class TimeoutError extends DaffiError {
        timeout?: number;
    }
    /** Nothing was sent: no member with that name exposes that function. */
    export class ReceiverNotFoundError extends DaffiError {}
}

declare class DaffiClient {
    constructor(name: string | null | undefined, options: DaffiClient.ClientOptions);
    constructor(options: DaffiClient.ClientOptions);

    /** The app_name on the wire. */
    readonly name: string;
    readonly wsUrl: string;
    autoreconnect: boolean;
    reconnectDelay: number;
    connectTimeout: number;
    handshakeTimeout: number;
    /** True while there is no connection. */
    readonly closed: boolean;
    /** The session: 1 for the first socket, one more per reconnect; null before the first. */
    readonly connNum: number | null;
    /** "router" or "service" once connected. */
    readonly serverType: string | null;
    readonly state?: DaffiClient.StateEvent['state'];
    /** The calls waiting for an answer, by uuid. */
    readonly pendingMessages: Record<number, { receiver: string; func: string }>;

    connect(): Promise<DaffiClient.Connection>;
    /** Closes for good: no reconnect; pending calls reject at once. */
    stop(): void;
    /** Member events; returns a function that removes the handler. */
    addEventHandler(handler: (event: DaffiClient.MemberEvent) => void): () => void;
    /** The link's state changes; returns a function that removes the handler. */
    addStateHandler(handler: (event: DaffiClient.StateEvent) => void): () => void;

    static readonly Flag: Readonly<{ HANDSHAKE: 0; REQUEST: 1; RESPONSE: 2; ERROR: 3; EVENTS: 4 }>;
    static readonly Serde: Readonly<{ OPAQUE: 0; JSON: 1; PICKLE: 2; MSGPACK: 3 }>;
    /** A msgpack library to use for every client. */
    static msgpack: DaffiClient.MsgpackLibrary | null;
    /** Where a page loads vendor/msgpack.min.js from, when not next to daffi.js. */
    static msgpackUrl: string | null;
    /** The wire codec (tests and tools). */
    static readonly codec: Readonly<Record<string, unknown>>;
}

import DaffiClientClass = DaffiClient;
export = DaffiClient;
export as namespace DaffiClient;
