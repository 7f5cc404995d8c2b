import { createStore, type StoreApi } from 'zustand/vanilla';
import { parseHostTarget } from '../../../shared/host-name.js';
import type { IpcResponse, RdpRepairApi } from '../../../shared/ipc.js';
import { remoteStrings } from '../remote-strings.js';

/*
 * "Check and fix it from here" (issue 26): the dialog that asks the way in and the account, and the computer the
 * checklist works on once main opened the remote port. The password is never in this store: the dialog keeps it
 * in its own field and hands it to open() for that one request.
 */

export type RemoteVia = 'ssh' | 'winrm';
export type OpenedRemote = IpcResponse<'remote:open'>;

export interface RemoteForm {
  via: RemoteVia;
  computer: string;
  user: string;
  /** The name of the key file main's dialog chose (main keeps the path), or null. */
  keyName: string | null;
}

export interface RemoteState {
  /** The computer the open dialog is about (the verdict's host); null when closed. */
  dialogHost: string | null;
  form: RemoteForm;
  opening: boolean;
  /** The port's one sentence (or what is missing), shown in the dialog. */
  error: string | null;
  /** The computer the checklist works on; null for this PC. */
  opened: OpenedRemote | null;
  show(host: string): void;
  close(): void;
  setForm(change: Partial<Omit<RemoteForm, 'keyName'>>): void;
  chooseKey(): Promise<void>;
  /** Opens the remote port; true once the checklist works on that computer. */
  open(password: string): Promise<boolean>;
  /** Closes the remote session and checks this PC's connection again. */
  back(): Promise<void>;
}

/** What the store asks of the checklist once the computer changes. */
export interface RemoteContext {
  /** That computer, checked as the computer others connect to (host mode). */
  checkRemote(): Promise<unknown>;
  /** This PC's check of the computer in the host field, again. */
  checkThisPc(): Promise<unknown>;
}

/** The computer's name without the Remote Desktop port: remoting has its own ports. */
function remotingName(host: string): string {
  const parsed = parseHostTarget(host);
  return parsed.ok ? parsed.target.host : host;
}

const EMPTY_FORM: RemoteForm = { via: 'winrm', computer: '', user: '', keyName: null };

/** What is missing before main is asked, or null. */
function missing(form: RemoteForm): string | null {
  if (form.user.trim() === '') return remoteStrings.needAccount;
  if (form.via === 'ssh' && form.keyName === null) return remoteStrings.needKey;
  return null;
}

export function createRemoteStore(api: RdpRepairApi, context: RemoteContext): StoreApi<RemoteState> {
  return createStore<RemoteState>()((set, get) => ({
    dialogHost: null,
    form: EMPTY_FORM,
    opening: false,
    error: null,
    opened: null,

    show(host) {
      // The way in, the account and the key are kept for the next time; the computer is this verdict's.
      set({ dialogHost: host, error: null, form: { ...get().form, computer: remotingName(host) } });
    },

    close() {
      if (!get().opening) set({ dialogHost: null, error: null });
    },

    setForm(change) {
      set({ form: { ...get().form, ...change }, error: null });
    },

    async chooseKey() {
      const result = await api['remote:choose-key']({});
      if (!result.ok) set({ error: result.error.message });
      else if (result.value.chosen) set({ form: { ...get().form, keyName: result.value.name }, error: null });
    },

    async open(password) {
      const { form, opening } = get();
      if (opening) return false;
      const lack = missing(form);
      if (lack !== null) {
        set({ error: lack });
        return false;
      }
      set({ opening: true, error: null });
      const result = await api['remote:open']({
        via: form.via,
        computer: form.computer.trim(),
        user: form.user.trim(),
        ...(form.via === 'winrm' && password !== '' ? { password } : {}),
      });
      if (!result.ok) {
        set({ opening: false, error: result.error.message });
        return false;
      }
      set({ opening: false, opened: result.value, dialogHost: null });
      await context.checkRemote();
      return true;
    },

    async back() {
      if (get().opened === null) return;
      await api['remote:close']({});
      set({ opened: null });
      await context.checkThisPc();
    },
  }));
}
