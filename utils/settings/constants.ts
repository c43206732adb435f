import { IOC_TYPES } from '../ioc/types';
import type { OverlaySettings } from './schema';

/**
 * The settings' plain values, apart from their zod schemas (./schema.ts re-exports them), so
 * that a page can use them without loading zod: the worker validates every settings message.
 */

/** The extractor's types (utils/ioc is their single source). */
export const EXTRACTABLE_IOC_TYPES = IOC_TYPES;

export const SETTINGS_VERSION = 1;

export const DEFAULT_OVERLAY: OverlaySettings = {
  enabled: true,
  uiUrl: '',
  bulkLimit: 500,
  tagObjects: true,
};

/** A Respond field name, as the mapping table accepts it. */
export const RESPOND_FIELD_PATTERN = /^[A-Za-z_][\w.-]*$/;
export const RESPOND_FIELD_MESSAGE = 'A Respond field name: letters, digits, _ . -';
