import { describe, expect, it } from 'vitest';
import {
  MESSAGE_TYPES,
  canonicalSegment,
  classifySegment,
  messageType,
  type MessageTypeSegment,
} from '../../../lib/messaging/message-types';
import { HAS_MODEL, at, loadModel, operationForSegment } from './model';

const segments = Object.keys(MESSAGE_TYPES) as MessageTypeSegment[];

describe('message type table', () => {
  it('has the nine types the current API can send', () => {
    expect(segments.sort()).toEqual(
      [
        'confirmCustomizationDetails',
        'confirmDeliveryDetails',
        'confirmOrderDetails',
        'confirmServiceDetails',
        'digitalAccessKey',
        'invoice',
        'legalDisclosure',
        'unexpectedProblem',
        'warranty',
      ].sort(),
    );
  });

  it('gives the documented text limits (800 / 2000 / 400) and attachment rules', () => {
    expect(MESSAGE_TYPES.confirmCustomizationDetails.text).toEqual({ minLength: 1, maxLength: 800 });
    expect(MESSAGE_TYPES.digitalAccessKey.text).toEqual({ minLength: 1, maxLength: 400 });
    for (const s of ['confirmDeliveryDetails', 'confirmOrderDetails', 'confirmServiceDetails', 'unexpectedProblem'] as const) {
      expect(MESSAGE_TYPES[s].text?.maxLength).toBe(2000);
      expect(MESSAGE_TYPES[s].attachments).toBeUndefined();
    }
    expect(MESSAGE_TYPES.legalDisclosure.text).toBeUndefined();
    expect(MESSAGE_TYPES.legalDisclosure.attachments).toEqual({ minItems: 1, maxItems: 5 });
    expect(MESSAGE_TYPES.warranty.dates).toEqual(['coverageStartDate', 'coverageEndDate']);
    expect(MESSAGE_TYPES.invoice.attachments).toEqual({ minItems: 1, maxItems: 5 });
  });

  it('accepts the samples\' name "sendInvoice" but sends to the model\'s "invoice" path', () => {
    expect(canonicalSegment('sendInvoice')).toBe('invoice');
    expect(messageType('sendInvoice')?.segment).toBe('invoice');
    expect(messageType('sendInvoice')?.operationId).toBe('sendInvoice');
  });

  it('classifies retired, non-message and unknown segments with their own explanations', () => {
    expect(classifySegment('negativeFeedbackRemoval')).toMatchObject({
      kind: 'retired',
      retiredOn: '2025-08-04',
      reasonKey: 'msg_type_retired_negativeFeedbackRemoval',
    });
    expect(classifySegment('amazonMotors')).toMatchObject({ kind: 'retired', retiredOn: '2026-01-30' });
    expect(classifySegment('attributes').kind).toBe('not-a-message');
    expect(classifySegment('updateFeedback')).toMatchObject({ kind: 'unknown', reasonKey: 'msg_type_unknown_reason' });
    // Prototype keys are not message types.
    expect(classifySegment('constructor').kind).toBe('unknown');
    expect(classifySegment('toString').kind).toBe('unknown');
  });
});

describe.skipIf(!HAS_MODEL)('message type table against the official model', () => {
  it.each(segments)('%s: the operation id and limits are the model\'s', (segment) => {
    const spec = MESSAGE_TYPES[segment];
    const op = operationForSegment(segment);
    expect(op, `POST …/messages/${segment} exists`).toBeDefined();
    expect(op?.operationId).toBe(spec.operationId);
    const name = op?.bodyRef?.replace('#/definitions/', '') ?? '';
    const props = at(loadModel().definitions, name, 'properties');
    expect(at(props, 'text', 'maxLength')).toBe(spec.text?.maxLength);
    expect(at(props, 'text', 'minLength')).toBe(spec.text?.minLength);
    // The model writes the item limit as maxLength on the array.
    expect(at(props, 'attachments', 'maxLength')).toBe(spec.attachments?.maxItems);
    for (const field of spec.dates ?? []) expect(at(props, field, 'format')).toBe('date-time');
  });

  it('the retired types are really gone from the model', () => {
    expect(operationForSegment('negativeFeedbackRemoval')).toBeUndefined();
    expect(operationForSegment('amazonMotors')).toBeUndefined();
  });
});
