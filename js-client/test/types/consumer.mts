// An ES module that uses daffi-qt-client the way README.md shows: every call style, the
// options, events, states and errors. package.test.js compiles it with tsc --strict against the
// installed npm package; it is never run.
import { DaffiClient, type CallOptions, type Connection, type MemberEvent } from 'daffi-qt-client';
import DefaultClient from 'daffi-qt-client';

export async function everyCallStyle(): Promise<void> {
    const client = new DaffiClient('my-page', { wsUrl: 'ws://127.0.0.1:6000', autoreconnect: true, reconnectDelay: 500 });
    const same: DaffiClient = new DefaultClient({ wsUrl: 'wss://127.0.0.1:6000', log: false, connectTimeout: 2000 });
    same.stop();
    const removeHandler = client.addEventHandler(({ type, member }: MemberEvent) => console.log(member, type));
    client.addStateHandler((event) => {
        if (event.state === 'reconnecting') console.log(event.attempt, event.delay);
    });
    const conn: Connection = await client.connect();

    const sum: number = await conn.rpc<number>({ timeout: 5000 }).add(3, 4);
    const options: CallOptions = { receiver: 'worker-1', serde: 'msgpack' };
    const anything = await conn.rpc(options).add(0, 4);
    const bytes = await conn.rpc({ serde: 'raw' }).echo(new Uint8Array([0, 1, 0]));
    await conn.rpc_nowait().log('x');
    const everyone: Record<string, string> = await conn.cast<string>({ timeout: 5000 }).whoami();
    const sentTo: string[] = await conn.cast_nowait({ receiver: ['worker-'] }).notify('hi');
    const chunks: number = await conn.stream({ serde: 'raw', timeout: 1000 }).chunk([new Uint8Array(3)]);
    await conn.stream_nowait({ receiver: 'worker-1' }).chunk(['a', 'b']);
    await conn.waitForMembers(['worker-1', 'worker-2'], { timeout: 30000, interval: 250 });
    await conn.waitForMembers('worker-1');
    for (const member of conn.members()) console.log(member.name, member.methods?.length ?? 0);
    console.log(sum, anything, bytes, everyone, sentTo, chunks, client.name, client.closed, client.serverType);

    try {
        await conn.rpc({ timeout: 100 }).fail();
    } catch (err) {
        if (err instanceof DaffiClient.RemoteCallError) console.log(err.type, err.module, err.message, err.remoteTraceback);
        else if (err instanceof DaffiClient.TimeoutError) console.log(err.timeout, err.func, err.receiver);
        else if (err instanceof DaffiClient.ReceiverNotFoundError || err instanceof DaffiClient.ConnectionClosedError) throw err;
        else if (err instanceof DaffiClient.DaffiError) console.log(err.results);
    }
    removeHandler();
    client.stop();
    console.log(DaffiClient.Serde.MSGPACK, DaffiClient.Flag.REQUEST);
}
