import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Notice } from '../stores/checklist-store.js';
import { format, strings } from '../strings.js';

/*
 * Fluent's MessageBar, loaded after the start screen (lazy-views.ts): it is never needed to type a name and
 * press Check, and it alone would add a sixth to the start script.
 */

export function NoticeMessage({ notice }: { notice: Notice }) {
  return (
    <MessageBar intent={notice.intent} layout="multiline">
      <MessageBarBody>{notice.text}</MessageBarBody>
    </MessageBar>
  );
}

export function SimulatedMessage({ label }: { label: string }) {
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="simulated-banner">
      <MessageBarBody>
        <MessageBarTitle>{strings.simulatedBanner.title}</MessageBarTitle>
        {format(strings.simulatedBanner.body, { label })}
      </MessageBarBody>
    </MessageBar>
  );
}
