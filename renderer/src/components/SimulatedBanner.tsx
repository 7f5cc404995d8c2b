import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useChecklist } from '../stores/stores.js';
import { format, strings } from '../strings.js';

export function SimulatedBanner() {
  const environment = useChecklist((s) => s.environment);
  if (environment?.machineKind !== 'simulated') return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="simulated-banner">
      <MessageBarBody>
        <MessageBarTitle>{strings.simulatedBanner.title}</MessageBarTitle>
        {format(strings.simulatedBanner.body, { label: environment.machineLabel })}
      </MessageBarBody>
    </MessageBar>
  );
}
