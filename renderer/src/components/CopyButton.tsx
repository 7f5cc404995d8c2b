import { Button } from '@fluentui/react-components';
import { CheckmarkRegular, CopyRegular } from '@fluentui/react-icons';
import { useState } from 'react';

export function CopyButton({ text, label, doneLabel }: { text: string; label: string; doneLabel: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // Clipboard refused (no focus, no permission): the text stays selectable in the box beside the button.
      setCopied(false);
    }
  };
  return (
    <Button size="small" icon={copied ? <CheckmarkRegular /> : <CopyRegular />} onClick={() => void copy()}>
      {copied ? doneLabel : label}
    </Button>
  );
}
