// Type declarations for daffi.mjs, the ES module entry of daffi.js: the same DaffiClient as a
// named and as the default export. The types themselves are in daffi.d.ts.
import DaffiClient from './daffi.js';

export { DaffiClient };
export default DaffiClient;
export type {
    CallOptions, CastNowaitOptions, CastOptions, ClientOptions, Connection, ConnectionClosedError, DaffiError,
    Member, MemberEvent, MsgpackLibrary, NowaitOptions, ReceiverNotFoundError, RemoteCallError, RemoteFunctions,
    Serde, StateEvent, StreamFunctions, TimeoutError, WaitOptions, WebSocketConstructor,
} from './daffi.js';
