import type { Contract } from './contract';
import { contract as defaultContract } from './contract';
import { AppError } from './errors';
import { unpackValue } from './packed-rows';
import type { EventPayload, EventTopic } from './events';
import type { ContractShape, ProcInput, ProcOutput } from './proc';
import type { RpcRequest, RpcResponse } from './rpc';

/** How a client reaches a dispatcher: IPC (preload bridge), HTTP + SSE, or in-memory for tests. */
export interface Transport {
  call(request: RpcRequest): Promise<RpcResponse>;
  on(topic: string, listener: (payload: unknown) => void): () => void;
}

export type Client<C extends ContractShape = Contract> = {
  [D in keyof C]: { [P in keyof C[D]]: (input: ProcInput<C[D][P]>) => Promise<ProcOutput<C[D][P]>> };
} & {
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  on<T extends EventTopic>(topic: T, listener: (payload: EventPayload<T>) => void): () => void;
};

let nextId = 1;

/** A typed client derived from the contract; a failed call rejects with an AppError carrying its code. */
export function createClient<C extends ContractShape = Contract>(
  transport: Transport,
  contractDef: C = defaultContract as unknown as C,
): Client<C> {
  const client: Record<string, unknown> = {
    on: (topic: string, listener: (payload: unknown) => void) => transport.on(topic, listener),
  };
  for (const [domainName, procs] of Object.entries(contractDef)) {
    const domainClient: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const procName of Object.keys(procs)) {
      const method = `${domainName}.${procName}`;
      domainClient[procName] = async (input: unknown) => {
        const response = await transport.call({ id: nextId++, method, input });
        if (!response.ok) throw AppError.fromShape(response.error);
        // rows may travel packed (a page of a large result); callers always get Row[]
        return unpackValue(response.value);
      };
    }
    client[domainName] = domainClient;
  }
  return client as Client<C>;
}
