/*
 * Which machine the app talks to. The real one only on Windows and only when not asked for the demo;
 * everywhere else a simulated machine, and the window says so (app:environment). The composition root
 * (hosts/composition-root.ts) opens the one chosen.
 */

export type MachineChoice =
  | { kind: 'powershell' }
  | { kind: 'simulated'; reason: 'demo-flag' | 'not-windows' };

export function chooseMachine(platform: string, argv: readonly string[]): MachineChoice {
  if (argv.includes('--demo')) return { kind: 'simulated', reason: 'demo-flag' };
  if (platform !== 'win32') return { kind: 'simulated', reason: 'not-windows' };
  return { kind: 'powershell' };
}
