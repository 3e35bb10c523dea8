import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { Validator } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { parseOrderChangeNotification } from '../../../lib/notifications/payload';
import { ORDER_CHANGE_MESSAGE_SCHEMA } from '../../../lib/notifications/payload-schema';
import { body, dropAt, ITEM0, message, MODELS_DIR, OCN, setAt, SUMMARY, type Path } from './fixtures';

const official = JSON.parse(readFileSync(`${MODELS_DIR}/OrderChangeNotification.json`, 'utf8'));
const officialExample = official.examples[0];
const officialValid = new Ajv({ strict: false }).compile(official);
const legacyExample = JSON.parse(
  readFileSync(`${MODELS_DIR}/historical/notifications-7a60d693/OrderStatusChangeNotification.json`, 'utf8'),
).examples[0];

function parsed(input: unknown) {
  const result = parseOrderChangeNotification(input);
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.details}`);
  return result.change;
}

describe("Amazon's example", () => {
  it('passes the official schema (ajv), our schema (cfworker) and the parser', () => {
    expect(officialValid(officialExample)).toBe(true);
    expect(new Validator(ORDER_CHANGE_MESSAGE_SCHEMA as object, '7').validate(officialExample).valid).toBe(true);
    const change = parsed(JSON.stringify(officialExample));
    expect(change).toMatchObject({
      notificationId: officialExample.NotificationMetadata.NotificationId,
      orderId: officialExample.Payload.OrderChangeNotification.AmazonOrderId,
      changeType: 'BuyerRequestedChange',
      isCancellationRequest: true,
      isNewUnshippedOrder: false,
    });
  });

  it('our schema is itself a well-formed draft-07 schema', () => {
    const compiled = new Ajv({ strict: false }).compile(ORDER_CHANGE_MESSAGE_SCHEMA);
    expect(compiled(officialExample)).toBe(true);
  });
});

describe('parseOrderChangeNotification', () => {
  it('maps an order-level status change to Unshipped', () => {
    expect(parsed(body())).toEqual({
      notificationId: 'n-0001',
      eventTime: '2026-03-02T10:15:00.000Z',
      publishTime: '2026-03-02T10:15:01.000Z',
      sellerId: 'A1SELLERTEST',
      orderId: '305-1234567-7654321',
      marketplaceId: 'A1PA6795UKMFR9',
      changeType: 'OrderStatusChange',
      level: 'OrderLevel',
      orderStatus: 'Unshipped',
      changeReason: 'Order Status Change',
      timeOfChange: '2026-03-02T10:14:58.000Z',
      fulfillmentType: 'MFN',
      orderType: 'StandardOrder',
      purchaseDate: '2026-03-02T10:01:00.000Z',
      items: [
        { orderItemId: '11223344556677', sellerSku: 'MUG-BLUE', quantity: 2 },
        { orderItemId: '11223344556688', sellerSku: 'MUG-RED', quantity: 1 },
      ],
      isCancellationRequest: false,
      isNewUnshippedOrder: true,
    });
  });

  it('maps an item-level buyer cancellation request', () => {
    const change = parsed(
      body({
        level: 'OrderItemLevel',
        changeType: 'BuyerRequestedChange',
        reason: 'Buyer Requested Change',
        items: [{ OrderItemId: '9', SellerSKU: 'S', SupplySourceId: 'ss-1', Quantity: 1, OrderItemStatus: 'Unshipped', IsBuyerRequestedCancel: true }],
      }),
    );
    expect(change.level).toBe('OrderItemLevel');
    expect(change.items).toEqual([{ orderItemId: '9', sellerSku: 'S', quantity: 1, status: 'Unshipped', isBuyerRequestedCancel: true }]);
    expect(change.isCancellationRequest).toBe(true);
    expect(change.isNewUnshippedOrder).toBe(false);
  });

  it('treats a BuyerRequestedChange as a cancellation from the reason alone, and not otherwise', () => {
    expect(parsed(body({ changeType: 'BuyerRequestedChange', reason: 'Buyer Requested Cancel' })).isCancellationRequest).toBe(true);
    expect(parsed(body({ changeType: 'BuyerRequestedChange', reason: 'Buyer Requested Address Change' })).isCancellationRequest).toBe(false);
  });

  it('does not call a status change a cancellation request even when the reason mentions cancel', () => {
    const change = parsed(body({ changeType: 'OrderStatusChange', status: 'Canceled', reason: 'Order Canceled' }));
    expect(change.isCancellationRequest).toBe(false);
    expect(change.isNewUnshippedOrder).toBe(false);
  });

  it('reads a DeliveryTipChange', () => {
    const change = parsed(body({ changeType: 'DeliveryTipChange', status: 'Shipped', reason: 'Delivery Tip Change' }));
    expect(change).toMatchObject({ changeType: 'DeliveryTipChange', isCancellationRequest: false, isNewUnshippedOrder: false });
  });

  it('accepts the fields Amazon may send as null', () => {
    const m = message();
    setAt(m, [...OCN, 'OrderChangeTrigger', 'TimeOfOrderChange'], null);
    setAt(m, [...SUMMARY, 'PurchaseDate'], null);
    setAt(m, [...SUMMARY, 'DestinationPostalCode'], null);
    setAt(m, [...ITEM0, 'SupplySourceId'], null);
    const change = parsed(JSON.stringify(m));
    expect(change.timeOfChange).toBeNull();
    expect(change.purchaseDate).toBeNull();
  });

  it('accepts an already parsed object', () => {
    expect(parsed(message()).notificationId).toBe('n-0001');
  });

  it('keeps an unknown change type aside with its raw text', () => {
    const raw = body({ changeType: 'PickupWindowChange' });
    expect(parseOrderChangeNotification(raw)).toEqual({ ok: false, reason: 'unknown-change-type', details: 'PickupWindowChange', raw });
  });

  it('reports text that is not JSON', () => {
    expect(parseOrderChangeNotification('{"NotificationType": ')).toMatchObject({ ok: false, reason: 'not-json', raw: '{"NotificationType": ' });
  });

  it.each([
    ['the retired ORDER_STATUS_CHANGE', JSON.stringify(legacyExample)],
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
    ['no NotificationType', '{"Payload":{}}'],
  ])('reports %s as not an order change', (_name, raw) => {
    expect(parseOrderChangeNotification(raw)).toMatchObject({ ok: false, reason: 'not-order-change', raw });
  });

  it.each<[string, (m: unknown) => void]>([
    ['Summary missing', (m) => dropAt(m, [...OCN, 'Summary'])],
    ['NotificationId missing', (m) => dropAt(m, ['NotificationMetadata', 'NotificationId'])],
    ['OrderItems missing', (m) => dropAt(m, [...SUMMARY, 'OrderItems'])],
    ['Quantity as text', (m) => setAt(m, [...ITEM0, 'Quantity'], '2')],
    ['unknown OrderStatus', (m) => setAt(m, [...SUMMARY, 'OrderStatus'], 'Lost')],
    ['OrderChangeType missing', (m) => dropAt(m, [...OCN, 'OrderChangeType'])],
  ])('reports %s as invalid, with where', (_name, change) => {
    const m = message();
    change(m);
    const result = parseOrderChangeNotification(JSON.stringify(m));
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(!result.ok && result.details).toMatch(/\//);
  });

  it('never throws, whatever it is given', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const input of [undefined, 42, '', '   ', circular, { NotificationType: 'ORDER_CHANGE' }, { NotificationType: 'ORDER_CHANGE', Payload: 'x' }]) {
      expect(() => parseOrderChangeNotification(input)).not.toThrow();
      expect(parseOrderChangeNotification(input).ok).toBe(false);
    }
  });
});

interface SchemaNode {
  properties: Record<string, SchemaNode>;
  items: SchemaNode;
  required: string[];
  enum: string[];
}

/** Where the official schema declares a property, so its enums are read from the file, not retyped. */
function officialProperty(path: Path): SchemaNode {
  let node = official as SchemaNode;
  for (const key of path) node = typeof key === 'number' ? node.items : node.properties[key]!;
  return node;
}

type Mutation = [name: string, apply: (m: unknown) => void];

function mutations(): Mutation[] {
  const list: Mutation[] = [];
  const set = (path: Path, value: unknown): Mutation => [`${path.join('.')} = ${JSON.stringify(value)}`, (m) => setAt(m, path, value)];
  const drop = (path: Path): Mutation => [`delete ${path.join('.')}`, (m) => dropAt(m, path)];

  // Every enum value the official schema allows for a field the parser reads, plus one it does not.
  const enums: Path[] = [[...OCN, 'NotificationLevel'], [...OCN, 'OrderChangeType'], [...SUMMARY, 'OrderStatus'], [...SUMMARY, 'FulfillmentType'], [...SUMMARY, 'OrderType'], [...ITEM0, 'OrderItemStatus']];
  for (const path of enums) {
    for (const value of [...officialProperty(path).enum, 'NotAValue']) list.push(set(path, value));
  }
  // Every required key of every object the parser walks, dropped one at a time.
  const objects: Path[] = [[], ['NotificationMetadata'], OCN, [...OCN, 'OrderChangeTrigger'], SUMMARY, ITEM0];
  for (const path of objects) for (const key of officialProperty(path).required) list.push(drop([...path, key]));
  // Optional keys dropped, nullable keys nulled.
  for (const key of ['OrderItemStatus', 'IsBuyerRequestedCancel', 'QuantityShipped', 'ItemEarliestDeliveryDate']) list.push(drop([...ITEM0, key]));
  const nullable: Path[] = [[...OCN, 'OrderChangeTrigger', 'TimeOfOrderChange'], [...SUMMARY, 'PurchaseDate'], [...SUMMARY, 'DestinationPostalCode'], [...ITEM0, 'SupplySourceId']];
  for (const path of nullable) list.push(set(path, null));
  // Wrong types in fields the parser reads.
  list.push(
    set([...ITEM0, 'Quantity'], '10'),
    set([...ITEM0, 'Quantity'], 1.5),
    set([...ITEM0, 'IsBuyerRequestedCancel'], 'true'),
    set([...OCN, 'AmazonOrderId'], 9038868176),
    set(['EventTime'], null),
    set([...OCN, 'OrderChangeTrigger', 'ChangeReason'], null),
    set(['NotificationMetadata', 'NotificationId'], 7),
    set([...SUMMARY, 'MarketplaceId'], null),
    set([...SUMMARY, 'OrderItems'], {}),
    set([...SUMMARY, 'OrderItems'], []),
    set(['SomethingNew'], { added: 'later' }),
  );
  return list;
}

describe('agreement with the official schema on the fields the parser reads', () => {
  const cases = mutations();

  it('covers both accepted and rejected variants (so it can fail)', () => {
    const verdicts = cases.map(([, apply]) => {
      const m: unknown = structuredClone(officialExample);
      apply(m);
      return officialValid(m);
    });
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(10);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThan(10);
  });

  it.each(cases)('%s', (_name, apply) => {
    const m: unknown = structuredClone(officialExample);
    apply(m);
    const officialOk = officialValid(m);
    const result = parseOrderChangeNotification(JSON.stringify(m));
    if (officialOk) {
      expect(result).toMatchObject({ ok: true });
    } else {
      expect(result.ok).toBe(false);
    }
  });

  it('is deliberately looser on fields it does not read', () => {
    const m: unknown = structuredClone(officialExample);
    setAt(m, [...SUMMARY, 'EasyShipShipmentStatus'], 'SomeNewStatus');
    setAt(m, [...SUMMARY, 'OrderPrograms'], ['NewProgram']);
    expect(officialValid(m)).toBe(false);
    expect(parseOrderChangeNotification(m).ok).toBe(true);
  });
});
