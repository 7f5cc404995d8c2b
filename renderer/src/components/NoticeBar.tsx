import { Suspense } from 'react';
import type { Notice } from '../stores/checklist-store.js';
import { LazyNoticeMessage } from './lazy-views.js';

export function NoticeBar({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  return (
    <Suspense fallback={null}>
      <LazyNoticeMessage notice={notice} />
    </Suspense>
  );
}
