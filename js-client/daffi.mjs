// ES module entry: import { DaffiClient } from './daffi.mjs' (browser or Node).
// daffi.js is the whole client; imported from a module it defines globalThis.DaffiClient in a
// browser and module.exports in Node, so this shim takes whichever is there.
import * as loaded from './daffi.js';

export const DaffiClient = loaded.DaffiClient || globalThis.DaffiClient;
if (typeof document !== 'undefined' && !DaffiClient.msgpackUrl) {
    DaffiClient.msgpackUrl = new URL('./vendor/msgpack.min.js', import.meta.url).href;
}
export default DaffiClient;
