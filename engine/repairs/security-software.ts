import type { z } from 'zod';
import type { Finding } from '../../shared/findings.js';
import { DEFAULT_RDP_PORT } from '../../shared/host-name.js';
import { type OpResult, type SecurityProductSchema, SecurityProductsResultSchema } from '../../shared/ops.js';
import type { Repair, RepairContext } from '../repair.js';

/*
 * Rule: `manual` (add an exception) only when a third-party product is on here and the handshake saw the
 * connection accepted then closed, or no answer: the pattern a blocking product makes. An inbound shield on
 * the remote computer blocks as often as this PC's outbound rules, so the steps name both. Without that
 * evidence the products are listed as information.
 */

type SecurityProduct = z.infer<typeof SecurityProductSchema>;

// Windows' own protection is not what the article warns about; Defender Firewall allows mstsc out by default.
const BUILT_IN = /\b(Windows|Microsoft) Defender\b|\bWindows Firewall\b/i;

export function isThirdParty(product: SecurityProduct): boolean {
  return !BUILT_IN.test(product.name);
}

/** Third-party antivirus or firewall products that are switched on. */
export function activeThirdPartyProducts(products: readonly SecurityProduct[]): SecurityProduct[] {
  return products.filter((p) => p.state === 'on' && isThirdParty(p));
}

const EXPLANATION =
  'Antivirus suites and firewalls (for example Bitdefender) inspect network traffic. Some flag the ' +
  'encrypted Remote Desktop tunnel as a threat, or block its UDP part, and cut it during the handshake: ' +
  'Remote Desktop then reports that the socket was closed (0x904). An exception for Remote Desktop lets it through.';

/** "A", "A and B", "A, B and C": product names as a sentence says them, not as a list joined by commas. */
function listInWords(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function productsFrom(result: OpResult | undefined): SecurityProduct[] | string {
  if (!result) return 'no result for the security products';
  if (!result.ok) return result.error.message;
  const parsed = SecurityProductsResultSchema.safeParse(result.value);
  return parsed.success ? parsed.data : 'the security product list was not in the expected shape';
}

/** What the user does in the product(s), then on the remote computer: an exception for Remote Desktop. */
function exceptionSteps(ctx: RepairContext, names: string, count: number): string[] {
  const port = ctx.target.port ?? DEFAULT_RDP_PORT;
  return [
    count === 1
      ? `Open ${names} and find its firewall or network protection settings.`
      : `Open ${names}, and find their firewall or network protection settings.`,
    // Named by %SystemRoot%, as Windows' own firewall rules name it: the Windows folder is not C:\Windows on
    // every PC, and this decision is pure (it knows the PC only through what the scan read).
    "Add an application exception (allowed program) for Remote Desktop Connection, %SystemRoot%\\System32\\mstsc.exe (mstsc.exe in the System32 folder of Windows; Windows' Open box accepts the name as written), allowing outgoing connections.",
    `Allow outgoing TCP port ${port} and UDP port ${port} to ${ctx.target.host}, or add that computer to the trusted network list.`,
    'Try Remote Desktop again. To confirm the cause, you can pause the protection for a few minutes, retry, and turn it back on right away.',
    `A security product on ${ctx.target.host} itself (an inbound "shield") blocks just as often: ask its administrator to allow incoming TCP and UDP port ${port} there.`,
  ];
}

export const securitySoftwareRepair: Repair = {
  id: 'security-software',
  title: 'Allow Remote Desktop in your antivirus or firewall',
  reads: () => [{ op: 'security.products' }],
  diagnose(ctx, results): Finding {
    const products = productsFrom(results[0]);
    if (typeof products === 'string') {
      return {
        repairId: 'security-software',
        status: 'unknown',
        summary: 'Could not list the antivirus and firewall products on this computer.',
        explanation: EXPLANATION,
        evidence: [{ label: 'Error', value: products }],
        instructions: [],
      };
    }
    const evidence = products.map((p) => ({
      label: p.name,
      value: `${p.kind}, ${p.state}${isThirdParty(p) ? '' : ' (built into Windows)'}`,
    }));
    const active = activeThirdPartyProducts(products);
    const outcome = ctx.handshake?.outcome.kind;
    const blockedPattern =
      outcome === 'closed-after-accept' || outcome === 'silent-after-accept' || outcome === 'filtered';
    const activeNames = [...new Set(active.map((p) => p.name))];
    const names = listInWords(activeNames);
    const [verb, it] = activeNames.length === 1 ? ['is', 'it is'] : ['are', 'they are'];
    if (active.length > 0 && !blockedPattern) {
      return {
        repairId: 'security-software',
        status: 'ok',
        summary: ctx.handshake
          ? `${names} ${verb} switched on, and the remote computer answered Remote Desktop, so ${it} not blocking the connection.`
          : `${names} ${verb} switched on; nothing shows ${activeNames.length === 1 ? 'it' : 'them'} blocking the connection.`,
        explanation: EXPLANATION,
        evidence,
        instructions: [],
      };
    }
    if (active.length === 0) {
      return {
        repairId: 'security-software',
        status: 'ok',
        summary: 'No third-party antivirus or firewall is switched on.',
        explanation: EXPLANATION,
        evidence,
        instructions: [],
      };
    }
    return {
      repairId: 'security-software',
      status: 'manual',
      summary: `${names} ${verb} switched on and may block the Remote Desktop connection: add an exception.`,
      explanation: EXPLANATION,
      evidence,
      instructions: exceptionSteps(ctx, names, activeNames.length),
    };
  },
  plan: () => [],
};
