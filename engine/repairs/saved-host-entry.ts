import type { Finding, PlannedChange } from '../../shared/findings.js';
import { formatHostTarget } from '../../shared/host-name.js';
import { type FileAttribute, FileReadResultSchema, type Op, type OpResult } from '../../shared/ops.js';
import type { RegistryValue } from '../../shared/registry.js';
import type { Repair, RepairContext } from '../repair.js';
import { changeIdPart, createHostMatcher } from '../windows/host-match.js';
import { rdpFileText, rdpFullAddress } from '../windows/rdp-file.js';
import {
  type Parsed,
  parseKeyTree,
  parseResult,
  type ServerKey,
  serverKeysForTarget,
  TSC_DEFAULT_KEY,
  TSC_SERVERS_KEY,
} from '../windows/terminal-server-client.js';

/*
 * The article's "delete the host from the Computer drop-down and the hidden Default.rdp": everything Remote
 * Desktop Connection remembers about the target host, removed for that host only and restorable exactly.
 * The Servers\<host> key is removed whole; `certificates` may also remove its CertHash value. Either order of
 * the two works: deleting an absent value succeeds, and undo (reverse order) ends with writeKey of the whole
 * old tree, or with setValue of the same CertHash bytes after it.
 */

export const DEFAULT_RDP_FILE = 'Default.rdp';

const EXPLANATION =
  'Remote Desktop Connection remembers the computers you connected to (the "Computer" drop-down list), a saved ' +
  'entry per computer with the last user name and the certificate you accepted, and the settings of the last ' +
  'connection in a hidden Default.rdp file in your Documents folder. When the remote computer has changed (a ' +
  'new address, certificate or settings), these leftovers can make the connection start with stale settings ' +
  'and be closed during the handshake, which shows as error 0x904. Clearing them for this computer only makes ' +
  'the next connection start fresh. Everything removed is kept, and Undo puts it back exactly.';

interface MruEntry {
  name: string;
  index: number;
  value: RegistryValue;
}

interface DefaultRdp {
  contentBase64: string;
  attributes: FileAttribute[];
  address: string | undefined;
  namesTarget: boolean;
}

interface Analysis {
  mru: Parsed<{ entries: MruEntry[]; matching: MruEntry[] }>;
  servers: Parsed<ServerKey[]>;
  defaultRdp: Parsed<DefaultRdp | undefined>;
}

function mruText(value: RegistryValue): string | undefined {
  return value.type === 'REG_SZ' || value.type === 'REG_EXPAND_SZ' ? value.data : undefined;
}

function analyseMru(ctx: RepairContext, result: OpResult | undefined): Analysis['mru'] {
  const tree = parseKeyTree(result);
  if (!tree.ok) return tree;
  const entries: MruEntry[] = [];
  for (const [name, value] of Object.entries(tree.value.values)) {
    const match = /^MRU(\d{1,4})$/i.exec(name);
    if (match) entries.push({ name, index: Number(match[1]), value });
  }
  entries.sort((a, b) => a.index - b.index || a.name.localeCompare(b.name));
  const texts = entries.flatMap((e) => mruText(e.value) ?? []);
  const matches = createHostMatcher(ctx.target, texts);
  const matching = entries.filter((e) => {
    const text = mruText(e.value);
    return text !== undefined && matches(text, 'default-port');
  });
  return { ok: true, value: { entries, matching } };
}

function analyseDefaultRdp(ctx: RepairContext, result: OpResult | undefined): Analysis['defaultRdp'] {
  const read = parseResult(result, FileReadResultSchema);
  if (!read.ok) return read;
  if (!read.value.exists) return { ok: true, value: undefined };
  const address = rdpFullAddress(rdpFileText(read.value.contentBase64));
  const namesTarget =
    address !== undefined && createHostMatcher(ctx.target, [address])(address, 'default-port');
  return {
    ok: true,
    value: {
      contentBase64: read.value.contentBase64,
      attributes: read.value.attributes,
      address,
      namesTarget,
    },
  };
}

function analyse(ctx: RepairContext, results: readonly OpResult[]): Analysis {
  const servers = parseKeyTree(results[1]);
  return {
    mru: analyseMru(ctx, results[0]),
    servers: servers.ok ? { ok: true, value: serverKeysForTarget(servers.value, ctx.target) } : servers,
    defaultRdp: analyseDefaultRdp(ctx, results[2]),
  };
}

function describeServerKey(key: ServerKey): string {
  const parts = [...Object.keys(key.tree.values), ...Object.keys(key.tree.subkeys).map((s) => `${s}\\`)];
  return parts.length > 0 ? parts.join(', ') : 'empty';
}

function mruChange(entries: readonly MruEntry[], matching: readonly MruEntry[], host: string): PlannedChange {
  const remaining = entries.filter((e) => !matching.includes(e));
  // Keep the spelling of a slot's existing value name, so undo restores names exactly as they were.
  const slotName = (i: number) => entries.find((e) => e.index === i)?.name ?? `MRU${i}`;
  const target = remaining.map((entry, i) => ({ name: slotName(i), value: entry.value }));
  const original = (name: string) => entries.find((e) => e.name.toLowerCase() === name.toLowerCase());
  const targetNames = new Set(target.map((t) => t.name.toLowerCase()));

  const ops: Op[] = [];
  const touched = new Set<string>();
  for (const { name, value } of target) {
    const before = original(name);
    if (before && JSON.stringify(before.value) === JSON.stringify(value)) continue;
    ops.push({ op: 'registry.setValue', path: TSC_DEFAULT_KEY, name, value });
    touched.add(name.toLowerCase());
  }
  for (const entry of entries) {
    if (targetNames.has(entry.name.toLowerCase())) continue;
    ops.push({ op: 'registry.deleteValue', path: TSC_DEFAULT_KEY, name: entry.name });
    touched.add(entry.name.toLowerCase());
  }
  const inverse: Op[] = [
    ...target
      .filter((t) => !original(t.name))
      .map((t): Op => ({ op: 'registry.deleteValue', path: TSC_DEFAULT_KEY, name: t.name })),
    ...entries
      .filter((e) => touched.has(e.name.toLowerCase()))
      .map((e): Op => ({ op: 'registry.setValue', path: TSC_DEFAULT_KEY, name: e.name, value: e.value })),
  ];
  const kept = remaining.length === 0 ? '' : ` and renumber the ${remaining.length} other entries`;
  return {
    id: 'saved-host-entry:history',
    repairId: 'saved-host-entry',
    description: `Remove ${host} from the Remote Desktop Connection history (${matching.length} ${
      matching.length === 1 ? 'entry' : 'entries'
    })${kept}.`,
    undoDescription: `Put ${host} back in the Remote Desktop Connection history, with every entry in its old place.`,
    scope: 'user',
    ops,
    inverse,
  };
}

function serverKeyChange(key: ServerKey, used: Set<string>): PlannedChange {
  return {
    id: `saved-host-entry:server-${changeIdPart(key.name, used)}`,
    repairId: 'saved-host-entry',
    description: `Remove the saved entry for ${key.name} (remembered user name and accepted certificate).`,
    undoDescription: `Put back the saved entry for ${key.name} (remembered user name and accepted certificate).`,
    scope: 'user',
    ops: [{ op: 'registry.deleteKey', path: key.path }],
    inverse: [{ op: 'registry.writeKey', path: key.path, tree: key.tree }],
  };
}

function defaultRdpChange(file: DefaultRdp): PlannedChange {
  return {
    id: 'saved-host-entry:default-rdp',
    repairId: 'saved-host-entry',
    description: `Delete the hidden ${DEFAULT_RDP_FILE} in your Documents folder (it connects to ${file.address}); a copy is kept for Undo.`,
    undoDescription: `Put the hidden ${DEFAULT_RDP_FILE} back in your Documents folder, from its copy.`,
    scope: 'user',
    ops: [{ op: 'file.delete', folder: 'documents', name: DEFAULT_RDP_FILE }],
    inverse: [
      {
        op: 'file.write',
        folder: 'documents',
        name: DEFAULT_RDP_FILE,
        contentBase64: file.contentBase64,
        attributes: file.attributes,
      },
    ],
  };
}

function planFrom(a: Analysis, host: string): PlannedChange[] {
  const changes: PlannedChange[] = [];
  if (a.mru.ok && a.mru.value.matching.length > 0) {
    changes.push(mruChange(a.mru.value.entries, a.mru.value.matching, host));
  }
  const used = new Set<string>();
  if (a.servers.ok) for (const key of a.servers.value) changes.push(serverKeyChange(key, used));
  if (a.defaultRdp.ok && a.defaultRdp.value?.namesTarget) changes.push(defaultRdpChange(a.defaultRdp.value));
  return changes;
}

function evidenceFrom(a: Analysis): Finding['evidence'] {
  const evidence: Finding['evidence'] = [];
  if (!a.mru.ok) evidence.push({ label: 'Connection history', value: `could not be read: ${a.mru.message}` });
  else if (a.mru.value.matching.length > 0) {
    evidence.push({
      label: 'Connection history',
      value: a.mru.value.matching.map((e) => `${e.name} = ${mruText(e.value)}`).join(', '),
    });
  }
  if (!a.servers.ok)
    evidence.push({ label: 'Saved entries', value: `could not be read: ${a.servers.message}` });
  else {
    for (const key of a.servers.value) {
      evidence.push({ label: `Saved entry ${key.name}`, value: describeServerKey(key) });
    }
  }
  if (!a.defaultRdp.ok) {
    evidence.push({ label: DEFAULT_RDP_FILE, value: `could not be read: ${a.defaultRdp.message}` });
  } else if (a.defaultRdp.value) {
    const { address, namesTarget } = a.defaultRdp.value;
    evidence.push({
      label: DEFAULT_RDP_FILE,
      value: namesTarget
        ? `connects to ${address}`
        : `connects to ${address ?? 'no computer'}, another computer: left alone`,
    });
  }
  return evidence;
}

export const savedHostEntryRepair: Repair = {
  id: 'saved-host-entry',
  title: 'Clear the saved history for this computer',
  reads: () => [
    { op: 'registry.readKey', path: TSC_DEFAULT_KEY },
    { op: 'registry.readKey', path: TSC_SERVERS_KEY },
    { op: 'file.read', folder: 'documents', name: DEFAULT_RDP_FILE },
  ],
  diagnose(ctx, results): Finding {
    const host = formatHostTarget(ctx.target);
    const a = analyse(ctx, results);
    const evidence = evidenceFrom(a);
    const base = {
      repairId: 'saved-host-entry' as const,
      explanation: EXPLANATION,
      evidence,
      instructions: [],
    };
    // Rule: never a `problem`: remembered history and settings are not evidence of a fault, so clearing them is
    // a `suggestion` (undoable) for when they are out of date.
    if (planFrom(a, host).length > 0) {
      return {
        ...base,
        status: 'suggestion',
        summary: `Remote Desktop Connection remembers settings for ${host}. If they are out of date, clearing them lets the next connection start fresh (Undo puts them back).`,
      };
    }
    if (!a.mru.ok || !a.servers.ok || !a.defaultRdp.ok) {
      return {
        ...base,
        status: 'unknown',
        summary: `Some of the saved Remote Desktop settings could not be read, so old settings for ${host} could not be checked.`,
      };
    }
    return {
      ...base,
      status: 'ok',
      summary: `Remote Desktop Connection has no saved settings for ${host}.`,
    };
  },
  plan: (ctx, results) => planFrom(analyse(ctx, results), formatHostTarget(ctx.target)),
};
