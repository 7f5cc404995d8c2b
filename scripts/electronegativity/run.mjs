// Runs @doyensec/electronegativity over the Electron source and the renderer's HTML; exits 1 on any
// finding above informational that has no written reason below, or when a file cannot be parsed.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
// The CSP evaluator electronegativity itself uses, to tell which CSP note a finding is about.
const csp = createRequire(require.resolve('@doyensec/electronegativity'))('@doyensec/csp-evaluator');

/** The policy electron/main.ts puts on every app:// response, read from its TypeScript source. */
async function loadAppProtocolPolicy() {
  const bundled = await build({
    entryPoints: [join(root, 'electron/security/app-protocol.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
  });
  const source = bundled.outputFiles[0].text;
  const module = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
  return module.CONTENT_SECURITY_POLICY;
}
const appProtocolPolicy = await loadAppProtocolPolicy();

/*
 * Suppressed findings, each with its reason. Inline `eng-disable` comments in electron/main.ts carry their
 * own reasons next to the code; this list covers what cannot be annotated inline.
 */
const SELF_NOTE_ONLY = (policy) =>
  cspFindings(policy).every((f) => f.directive === 'script-src' && /'self'/.test(f.description));

const SUPPRESSIONS = [
  {
    id: 'CSP_GLOBAL_CHECK',
    reason:
      'The tool finds a CSP only in an HTML meta tag or a webRequest header callback. Ours is a response header on every ' +
      'app:// response (electron/main.ts, asserted by electron/main.test.ts); index.html has no meta tag because one holds ' +
      "back Chromium's preload scanner. The header policy is evaluated here instead; the only note allowed is csp-evaluator's " +
      "'maybe weak' for script-src 'self' (a site hosting JSONP or uploads on its own origin could run them), and " +
      'app://rdp-repair serves only the built renderer files (electron/security/app-protocol.ts).',
    applies: (issue) => issue.sample === undefined && SELF_NOTE_ONLY(appProtocolPolicy),
  },
];

function cspFindings(policy) {
  const parsed = new csp.CspParser(policy).csp;
  const maybeOrWorse = [
    csp.severities.HIGH,
    csp.severities.MEDIUM,
    csp.severities.HIGH_MAYBE,
    csp.severities.MEDIUM_MAYBE,
  ];
  return new csp.CspEvaluator(parsed, csp.Version.CSP3)
    .evaluate()
    .filter((f) => maybeOrWorse.includes(f.severity));
}

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

// The tool scans a folder; give it exactly the app's Electron source, its HTML and package.json (for the version).
const stage = mkdtempSync(join(tmpdir(), 'rdp-repair-electronegativity-'));
try {
  const files = [
    ...sourceFiles(join(root, 'electron')),
    join(root, 'renderer', 'index.html'),
    join(root, 'package.json'),
  ];
  for (const file of files) {
    const target = join(stage, relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
  const electronVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies
    .electron;
  const result = await run({ input: stage, isRelative: true, electronVersionOverride: electronVersion });

  const aboveInformational = result.issues.filter((issue) => issue.severity.name !== 'INFORMATIONAL');
  const suppressed = [];
  const findings = [];
  for (const issue of aboveInformational) {
    const rule = SUPPRESSIONS.find((s) => s.id === issue.id && s.applies(issue));
    (rule ? suppressed : findings).push({ issue, rule });
  }

  console.log(
    `electronegativity ${require('@doyensec/electronegativity/package.json').version}: ${files.length} files, ` +
      `${result.globalChecks} global + ${result.atomicChecks} atomic checks, Electron ${electronVersion}`,
  );
  for (const { issue, rule } of suppressed) {
    console.log(`suppressed ${issue.id} (${issue.severity.name}) in ${issue.file}: ${rule.reason}`);
  }
  for (const { issue } of findings) {
    console.error(
      `FINDING ${issue.id} ${issue.severity.name}/${issue.confidence.name} ${issue.file}:${issue.location.line} — ${issue.description}`,
    );
  }
  for (const error of result.errors) console.error(`PARSE ERROR ${JSON.stringify(error)}`);
  console.log(
    `${findings.length} findings above informational, ${suppressed.length} suppressed with a reason`,
  );
  process.exitCode = findings.length > 0 || result.errors.length > 0 ? 1 : 0;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
