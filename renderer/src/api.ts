import type { RdpRepairApi } from '../../shared/ipc.js';

declare global {
  interface Window {
    /** Put there by the Electron preload, or by the web demo's HTTP bridge. */
    rdpRepair?: RdpRepairApi;
  }
}

export function findApi(): RdpRepairApi | undefined {
  return window.rdpRepair;
}
