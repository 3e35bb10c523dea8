/**
 * i18n keys for the values Amazon sends, so components never build key names themselves.
 * Amazon's values are used verbatim in the key (ntf_status_Unshipped): Chrome message names allow
 * letters, digits and "_", and a value added later simply falls back to the "unknown" key.
 */
import {
  AGGREGATION_PERIODS,
  FULFILLMENT_TYPES,
  NOTIFICATION_LEVELS,
  ORDER_CHANGE_TYPES,
  ORDER_STATUSES,
  ORDER_TYPES,
} from './types';

function keyFor(prefix: string, known: readonly string[], value: string): string {
  return known.includes(value) ? `${prefix}${value}` : `${prefix}unknown`;
}

export const changeTypeKey = (value: string): string => keyFor('ntf_change_', ORDER_CHANGE_TYPES, value);
export const orderStatusKey = (value: string): string => keyFor('ntf_status_', ORDER_STATUSES, value);
export const fulfillmentTypeKey = (value: string): string => keyFor('ntf_fulfillment_', FULFILLMENT_TYPES, value);
export const orderTypeKey = (value: string): string => keyFor('ntf_order_type_', ORDER_TYPES, value);
export const levelKey = (value: string): string => keyFor('ntf_level_', NOTIFICATION_LEVELS, value);
export const aggregationKey = (value: string): string => keyFor('ntf_aggregation_', AGGREGATION_PERIODS, value);

/** Every key the functions above can return; the locale test checks each exists in every language. */
export const VALUE_LABEL_KEYS: readonly string[] = [
  ...[...ORDER_CHANGE_TYPES, 'unknown'].map((v) => `ntf_change_${v}`),
  ...[...ORDER_STATUSES, 'unknown'].map((v) => `ntf_status_${v}`),
  ...[...FULFILLMENT_TYPES, 'unknown'].map((v) => `ntf_fulfillment_${v}`),
  ...[...ORDER_TYPES, 'unknown'].map((v) => `ntf_order_type_${v}`),
  ...[...NOTIFICATION_LEVELS, 'unknown'].map((v) => `ntf_level_${v}`),
  ...[...AGGREGATION_PERIODS, 'unknown'].map((v) => `ntf_aggregation_${v}`),
];
