import { Suspense } from 'react';
import { useChecklist } from '../stores/stores.js';
import { LazySimulatedMessage } from './lazy-views.js';

export function SimulatedBanner() {
  const environment = useChecklist((s) => s.environment);
  if (environment?.machineKind !== 'simulated') return null;
  return (
    <Suspense fallback={null}>
      <LazySimulatedMessage label={environment.machineLabel} />
    </Suspense>
  );
}
