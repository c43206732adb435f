import { useState, type Dispatch } from 'react';
import type { DuplicateMatch } from '../../utils/model/incident';
import type { Enrichment } from '../../utils/model/review';
import {
  iocKey,
  type IocGroup,
  type ReviewAction,
  type EnrichmentState,
} from '../../utils/review/review-state';
import { TYPE_LABELS, plural, safeHref } from './labels';

/** Said (title, screen readers) when a host mixes scripts, e.g. Cyrillic letters in Latin. */
const HOMOGRAPH_HINT =
  'Mixed scripts — possible look-alike: this host name mixes letters of different alphabets (e.g. Cyrillic "а" for Latin "a"), a common trick to imitate a trusted name.';

/** Rows drawn per type before "Show all": a 5 MB page can yield thousands. */
export const ROWS_PER_GROUP = 100;

interface IocListProps {
  groups: IocGroup[];
  selected: ReadonlySet<string>;
  enrichment: EnrichmentState;
  /** Duplicate matches by lower-cased value. */
  duplicates: ReadonlyMap<string, DuplicateMatch>;
  editable: boolean;
  dispatch: Dispatch<ReviewAction>;
}

function EnrichmentBadges({
  result,
  pending,
}: {
  result: Enrichment | undefined;
  pending: boolean;
}) {
  if (!result) {
    return pending ? <span className="badge badge-muted">checking…</span> : null;
  }
  if (!result.known) return <span className="badge badge-muted">unknown to Intel Exchange</span>;
  return (
    <>
      <span className="badge badge-known">known</span>
      {result.score !== undefined && <span className="badge">score {result.score}</span>}
      {result.tlp !== undefined && <span className="badge">TLP:{result.tlp.toUpperCase()}</span>}
      {result.falsePositive === true && <span className="badge badge-warn">false positive</span>}
      {result.allowlisted === true && <span className="badge badge-warn">allow-listed</span>}
      {result.deprecated === true && <span className="badge badge-muted">deprecated</span>}
    </>
  );
}

function DuplicateBadge({ match }: { match: DuplicateMatch | undefined }) {
  // Name an incident Respond has numbered, if any; a pending one has no ID to show yet.
  const first = match?.incidents.find((i) => i.readableId !== undefined) ?? match?.incidents[0];
  if (!match || !first) return null;
  const href = safeHref(first.link);
  const name = first.readableId ?? 'an earlier incident';
  const others = match.incidents.length - 1;
  return (
    <span
      className="badge badge-warn"
      title={others > 0 ? `and ${plural(others, 'more incident')}` : undefined}
    >
      already in{' '}
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {name}
        </a>
      ) : (
        name
      )}
    </span>
  );
}

function Group(props: IocListProps & { group: IocGroup }) {
  const { group, selected, enrichment, duplicates, editable, dispatch } = props;
  const [showAll, setShowAll] = useState(false);
  const mapped = group.respondField !== null;
  const rows = showAll ? group.iocs : group.iocs.slice(0, ROWS_PER_GROUP);
  const headingId = `cftr-group-${group.type}`;
  return (
    <section
      className={`ioc-group${mapped ? '' : ' ioc-group-unmapped'}`}
      aria-labelledby={headingId}
    >
      <div className="ioc-group-head">
        <h3 id={headingId}>
          {TYPE_LABELS[group.type]}{' '}
          <span className="count">
            {mapped ? `${group.selectedCount} of ${group.iocs.length}` : group.iocs.length}
          </span>
        </h3>
        <span className="mapping">
          {mapped ? (
            <>
              → Respond field <code>{group.respondField}</code>
            </>
          ) : (
            'not mapped — will not be connected'
          )}
        </span>
        {mapped && (
          <span className="group-actions">
            <button
              type="button"
              className="link-button"
              disabled={!editable}
              onClick={() => dispatch({ type: 'selectGroup', iocType: group.type, checked: true })}
            >
              all
            </button>
            <button
              type="button"
              className="link-button"
              disabled={!editable}
              onClick={() => dispatch({ type: 'selectGroup', iocType: group.type, checked: false })}
            >
              none
            </button>
          </span>
        )}
      </div>
      <ul className="ioc-rows">
        {rows.map((ioc) => {
          const key = iocKey(ioc);
          const result = enrichment.byValue[ioc.value];
          return (
            <li key={key} className="ioc-row" data-value={ioc.value}>
              <label>
                <input
                  type="checkbox"
                  checked={mapped && selected.has(key)}
                  disabled={!mapped || !editable}
                  onChange={() => dispatch({ type: 'toggle', key })}
                />
                <span className="ioc-value">{ioc.value}</span>
              </label>
              <span className="ioc-meta">
                {ioc.original !== ioc.value && (
                  <span className="badge badge-muted" title="As written on the page">
                    as {ioc.original}
                  </span>
                )}
                {ioc.private === true && <span className="badge badge-muted">private</span>}
                {ioc.homograph === true && (
                  <span className="badge badge-warn badge-homograph" title={HOMOGRAPH_HINT}>
                    <span aria-hidden="true">⚠ </span>mixed scripts — possible look-alike
                  </span>
                )}
                {!mapped && <span className="badge badge-muted">not mapped</span>}
                <EnrichmentBadges result={result} pending={enrichment.status === 'pending'} />
                <DuplicateBadge match={duplicates.get(ioc.value.toLowerCase())} />
              </span>
            </li>
          );
        })}
      </ul>
      {group.iocs.length > rows.length && (
        <button type="button" className="link-button show-all" onClick={() => setShowAll(true)}>
          Show all {plural(group.iocs.length, 'IOC')}
        </button>
      )}
    </section>
  );
}

export function IocList(props: IocListProps) {
  return (
    // Busy while Intel Exchange's verdicts are coming in: they may still uncheck a value.
    <div className="ioc-groups" aria-busy={props.enrichment.status === 'pending'}>
      {props.groups.map((group) => (
        <Group key={group.type} {...props} group={group} />
      ))}
    </div>
  );
}
