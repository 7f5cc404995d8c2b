import { findPowerShellTools } from '../../scripts/powershell/tools.js';

/**
 * The pinned pwsh for the suites that need it (npm run test:powershell). Throws where it is missing, so the
 * suite fails as "not run" with the reason instead of passing; the runner checks this before starting them.
 */
export function pwshForTests(): string {
  const tools = findPowerShellTools();
  if (!tools.ok) throw new Error(`PowerShell suite not run: ${tools.reason}`);
  return tools.pwsh;
}
