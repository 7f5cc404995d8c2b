import { createContext, type ReactNode, useContext } from 'react';
import { type StoreApi, useStore } from 'zustand';
import type { RepairId } from '../../../shared/findings.js';
import type { RdpRepairApi } from '../../../shared/ipc.js';
import { type ChecklistState, createChecklistStore } from './checklist-store.js';
import { createHandoffStore, type HandoffState } from './handoff-store.js';
import { createHistoryStore, type HistoryState } from './history-store.js';
import { browserStorage, type SettingsStorage } from './last-checked.js';
import { createNavigationStore, type NavigationState } from './navigation-store.js';
import { createRecoveryStore, type RecoveryState } from './recovery-store.js';
import { createRemoteStore, type RemoteState } from './remote-store.js';
import { createReportStore, type ReportState } from './report-store.js';

export interface Stores {
  checklist: StoreApi<ChecklistState>;
  history: StoreApi<HistoryState>;
  report: StoreApi<ReportState>;
  recovery: StoreApi<RecoveryState>;
  navigation: StoreApi<NavigationState>;
  handoff: StoreApi<HandoffState>;
  remote: StoreApi<RemoteState>;
}

export function createStores(api: RdpRepairApi, settings: SettingsStorage | null = browserStorage()): Stores {
  const checklist = createChecklistStore(api, settings);
  const machineChanged = () => {
    void checklist.getState().refreshAfterExternalChange();
  };
  return {
    checklist,
    history: createHistoryStore(api, machineChanged),
    report: createReportStore(api, () => checklist.getState().connectionTest),
    recovery: createRecoveryStore(api, machineChanged),
    navigation: createNavigationStore(),
    handoff: createHandoffStore(api, {
      connectionTest: () => checklist.getState().connectionTest,
      manualDone: () =>
        Object.entries(checklist.getState().manualDone)
          .filter(([, done]) => done === true)
          .map(([id]) => id as RepairId),
    }),
    // "Check and fix it from here": that computer as the one others connect to; back, this PC's check again.
    remote: createRemoteStore(api, {
      checkRemote: () => checklist.getState().runThisPcCheck(),
      checkThisPc: () => checklist.getState().runScan(),
    }),
  };
}

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('StoresProvider is missing');
  return stores;
}

export function useChecklist<T>(selector: (state: ChecklistState) => T): T {
  return useStore(useStores().checklist, selector);
}
export function useHistory<T>(selector: (state: HistoryState) => T): T {
  return useStore(useStores().history, selector);
}
export function useReport<T>(selector: (state: ReportState) => T): T {
  return useStore(useStores().report, selector);
}
export function useRecovery<T>(selector: (state: RecoveryState) => T): T {
  return useStore(useStores().recovery, selector);
}
export function useNavigation<T>(selector: (state: NavigationState) => T): T {
  return useStore(useStores().navigation, selector);
}
export function useHandoff<T>(selector: (state: HandoffState) => T): T {
  return useStore(useStores().handoff, selector);
}
export function useRemote<T>(selector: (state: RemoteState) => T): T {
  return useStore(useStores().remote, selector);
}
