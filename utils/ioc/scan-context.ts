/**
 * State shared by the scanner passes of one extraction.
 */

import type { OffsetMap } from './offset-map';
import type { TextIndex } from './text-index';
import type { IntervalSet } from './interval-set';
import type { Collector } from './collector';

export interface ScanContext {
  /** The original text (size-capped). */
  readonly text: string;
  /** The refanged view the scanners read. */
  readonly view: string;
  readonly map: OffsetMap;
  readonly index: TextIndex;
  /**
   * Text owned by an earlier pass that later passes must not report again: URL scheme and
   * authority (rule 3), e-mail addresses and e-mail look-alikes (rules 29, 31), IPv6 addresses.
   */
  readonly claims: IntervalSet;
  /** Path/query/fragment parts of URLs (IOCs inside them are reported, rule 4). */
  readonly urlPaths: IntervalSet;
  readonly out: Collector;
}
