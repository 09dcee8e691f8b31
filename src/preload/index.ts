/**
 * The preload bridge: the page gets exactly `window.backbench.call` and `window.backbench.on`, nothing of
 * Node or Electron. Channel names live here and in src/main/electron/ipc-bridge.ts only.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BackbenchBridge } from '../shared/bridge';
import type { EventMessage, RpcRequest } from '../shared/rpc';

const listeners = new Map<string, Set<(payload: unknown) => void>>();

// one IPC listener for all topics; the page's callbacks never see the IpcRendererEvent (it exposes `sender`)
ipcRenderer.on('event', (_event: IpcRendererEvent, message: EventMessage) => {
  const set = listeners.get(message?.topic);
  if (!set) return;
  for (const callback of [...set]) {
    try {
      callback(message.payload);
    } catch (error) {
      console.error(`Backbench: a listener for ${message.topic} failed`, error);
    }
  }
});

const bridge: BackbenchBridge = {
  call: (request: RpcRequest) => ipcRenderer.invoke('rpc', request),
  on: (topic: string, callback: (payload: unknown) => void) => {
    if (typeof topic !== 'string' || typeof callback !== 'function') throw new TypeError('on(topic, callback)');
    const set = listeners.get(topic) ?? new Set();
    set.add(callback);
    listeners.set(topic, set);
    return () => {
      set.delete(callback);
      if (set.size === 0) listeners.delete(topic);
    };
  },
};

contextBridge.exposeInMainWorld('backbench', bridge);
