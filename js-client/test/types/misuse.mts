// Wrong uses: each line after @ts-expect-error must be a type error, or tsc fails on the unused
// directive. Never run.
import { DaffiClient } from 'daffi-qt-client';

export async function misuse(): Promise<void> {
    // @ts-expect-error wsUrl is required
    new DaffiClient('page', { autoreconnect: true });
    const client = new DaffiClient({ wsUrl: 'ws://127.0.0.1:6000' });
    // @ts-expect-error connect() is a promise: await it first
    client.connect().rpc();
    const conn = await client.connect();
    // @ts-expect-error timeouts are milliseconds as numbers
    await conn.rpc({ timeout: '5000' }).add(3, 4);
    // @ts-expect-error pickle is Python-only
    await conn.rpc({ serde: 'pickle' }).add(3, 4);
    // @ts-expect-error rpc goes to one receiver; cast takes several
    await conn.rpc({ receiver: ['w1', 'w2'] }).add(3, 4);
    // @ts-expect-error rpc_nowait resolves to nothing
    const nothing: number = await conn.rpc_nowait().log('x');
    // @ts-expect-error cast resolves to { member: result }
    const one: number = await conn.cast<number>().add(1, 2);
    // @ts-expect-error waitForMembers takes names, not a number
    await conn.waitForMembers(3);
    // @ts-expect-error the handler receives { type, member }
    client.addEventHandler((member: string) => console.log(member));
    console.log(nothing, one);
}
