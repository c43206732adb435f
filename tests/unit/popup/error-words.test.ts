import { describe, expect, it } from 'vitest';
import { MessageError } from '../../../utils/messaging/client';
import { errorWords } from '../../../utils/popup/error-words';

describe('errorWords', () => {
  it('passes the background words through', () => {
    expect(
      errorWords(new MessageError('handler-error', 'This incident was already created.'), 'Retry'),
    ).toBe('This incident was already created.');
  });

  it('says a missing handler means the feature is not there yet', () => {
    expect(
      errorWords(
        new MessageError('unknown-type', 'No handler for "flow.startPage".'),
        'Creating from this page',
      ),
    ).toBe('Creating from this page is not available in this version of the extension yet.');
  });

  it('explains a silent background and other failures', () => {
    expect(errorWords(new MessageError('bad-response', 'x'), 'Retry')).toMatch(
      /^Retry failed: the extension background did not answer/,
    );
    expect(errorWords(new Error('Could not establish connection.'), 'Dismiss')).toBe(
      'Dismiss failed: Could not establish connection.',
    );
    expect(errorWords('???', 'Dismiss')).toBe('Dismiss failed.');
  });
});
