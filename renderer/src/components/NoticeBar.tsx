import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Notice } from '../stores/checklist-store.js';

export function NoticeBar({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} layout="multiline">
      <MessageBarBody>{notice.text}</MessageBarBody>
    </MessageBar>
  );
}
