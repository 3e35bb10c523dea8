import { describe, expect, it } from 'vitest';
import { addPageCheck, PAGE_CHECK_LIMIT, pageCheckText, readPageCheck, type PageCheckEntry } from '../../../lib/seller-central/check';

const entry = (host: string, missing: PageCheckEntry['missing'] = ['actionBar']) =>
  ({ day: '2026-11-29', page: 'order', app: 'new', host, missing }) as const;

describe('page check record', () => {
  it('counts the same result again instead of repeating it, newest first', () => {
    let list = addPageCheck([], entry('sellercentral.amazon.com'));
    list = addPageCheck(list, entry('sellercentral.amazon.de'));
    list = addPageCheck(list, entry('sellercentral.amazon.com'));
    expect(list.map((e) => [e.host, e.count])).toEqual([['sellercentral.amazon.com', 2], ['sellercentral.amazon.de', 1]]);
  });

  it('stays bounded', () => {
    let list: PageCheckEntry[] = [];
    for (let i = 0; i < 50; i++) list = addPageCheck(list, entry(`host-${i}`));
    expect(list).toHaveLength(PAGE_CHECK_LIMIT);
    expect(list[0]!.host).toBe('host-49');
  });

  it('keeps the finders in one order, and only known ones', () => {
    const [e] = addPageCheck([], entry('h', ['marketplaceSwitcher', 'actionBar']));
    expect(e!.missing).toEqual(['actionBar', 'marketplaceSwitcher']);
    expect(readPageCheck([{ ...e, missing: ['buyerName'] }, e, 'junk', null])).toEqual([e]);
    expect(readPageCheck(undefined)).toEqual([]);
  });

  it('reads as plain text with no order id in it', () => {
    const text = pageCheckText(addPageCheck([], entry('sellercentral.amazon.com', ['actionBar', 'orderId'])), '0.1.0');
    expect(text).toBe('Order Courier 0.1.0 page check\n2026-11-29 sellercentral.amazon.com order (new) ×1: missing actionBar, orderId');
  });
});
