import { parseHostTarget } from '../../shared/host-name.js';

/*
 * The web demo's Remote Desktop history, as the host field offers it. The field starts with the first entry, so
 * that entry must be a computer the simulated network knows: a name it does not know gives the visitor's first
 * check nothing but "could not find it". When the machine's own history starts with such a name, or is empty,
 * the first computer of the simulated network goes first.
 */
export function demoHostHistory(history: readonly string[], knownHosts: readonly string[]): string[] {
  const known = new Set(knownHosts.map((host) => host.toLowerCase()));
  const knows = (entry: string) => {
    const parsed = parseHostTarget(entry);
    return parsed.ok && known.has(parsed.target.host.toLowerCase());
  };
  const first = history[0];
  if (first !== undefined && knows(first)) return [...history];
  const suggestion = knownHosts.find((host) => parseHostTarget(host).ok);
  if (suggestion === undefined) return [...history];
  return [suggestion, ...history.filter((entry) => entry.toLowerCase() !== suggestion.toLowerCase())];
}
