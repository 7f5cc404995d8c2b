import { createStore, type StoreApi } from 'zustand/vanilla';

export type View = 'check' | 'history' | 'help';

export interface NavigationState {
  view: View;
  go(view: View): void;
}

export function createNavigationStore(): StoreApi<NavigationState> {
  return createStore<NavigationState>()((set) => ({
    view: 'check',
    go(view) {
      set({ view });
    },
  }));
}
