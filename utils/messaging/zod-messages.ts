import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * English validation messages ("expected string, received number") for what the worker reports
 * about a bad settings file, message or API answer. zod/mini (smaller than classic zod, issue 14)
 * ships no locale, so without this every issue would read "Invalid input". A call, not an
 * import side effect: the worker's app factory makes it.
 */
export function setEnglishValidationMessages(): void {
  z.config(en());
}
