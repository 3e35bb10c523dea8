import { describe, expect, it } from 'vitest';
import { isRightToLeft } from '../../../lib/messaging/direction';
import { sellerFacing } from '../../../lib/messaging/label';
import { countedCharacters } from '../../../lib/messaging/form';

describe('the buyer\'s writing direction', () => {
  it.each(['ar-SA', 'ar-AE', 'ar-EG', 'ar', 'he-IL', 'iw', 'fa-IR', 'ur-PK', 'ku-Arab', 'yi'])('%s is written right to left', (locale) => {
    expect(isRightToLeft(locale)).toBe(true);
  });

  it.each(['en-US', 'de-DE', 'tr-TR', 'ja-JP', 'ku-Latn', 'zh-CN', '', undefined])('%s is not', (locale) => {
    expect(isRightToLeft(locale)).toBe(false);
  });
});

describe('Amazon\'s descriptions as sellers read them', () => {
  it('leaves out what speaks to developers and keeps the rest', () => {
    expect(
      sellerFacing('The text to be sent to the buyer. Only links related to order completion are allowed. Do not include HTML or email addresses. The text must be written in the buyer\'s language of preference, which can be retrieved from the GetAttributes operation.'),
    ).toBe('The text to be sent to the buyer. Only links related to order completion are allowed. Do not include HTML or email addresses. The text must be written in the buyer\'s language of preference.');
    expect(sellerFacing('Attachments to include in the message to the buyer. Use the uploadDestinationId from createUploadDestinationForResource.')).toBe(
      'Attachments to include in the message to the buyer.',
    );
    expect(sellerFacing('Call the getMessagingActionsForOrder operation.')).toBeUndefined();
  });
});

describe('the character counter', () => {
  it('counts a text of spaces and line breaks as empty, as it is not sent', () => {
    expect(countedCharacters(' \n\t ')).toBe(0);
    expect(countedCharacters(' hi ')).toBe(4);
    expect(countedCharacters('مرحبا')).toBe(5);
  });
});
