import type { OpNameOf } from '../../../shared/ops.js';
import { type PreviewTable, psQuote } from './common.js';

/* The events family's preview. */

export const EVENTS_PREVIEW: PreviewTable<OpNameOf<'events'>> = {
  'events.query': (op) => {
    const filter = [`LogName = ${psQuote(op.channel)}`, `StartTime = [datetime]${psQuote(op.since)}`];
    if (op.ids && op.ids.length > 0) filter.push(`Id = @(${op.ids.join(', ')})`);
    if (op.providers && op.providers.length > 0)
      filter.push(`ProviderName = @(${op.providers.map(psQuote).join(', ')})`);
    return [`Get-WinEvent -FilterHashtable @{ ${filter.join('; ')} } -MaxEvents ${op.max}`];
  },
};
