import {
  memo,
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ChoiceNode, NodeChoice } from '../../utils/model/node-choice';
import {
  filterGroups,
  groupLabel,
  indexNodes,
  initialPick,
  pickedInOrder,
  PICKER_FIRST_RENDER_MARK,
  PICKER_PAINTED_MARK,
  setMany,
  type NodeGroup,
} from '../../utils/review/node-picker';
import { plural } from './labels';

/**
 * The node picker (issue 12): the first stage of an investigation's review, drawn in the
 * extension's review page (never in the tenant's DOM) from the canvas nodes the worker read.
 * Nodes are grouped by type, indicator nodes checked at first; a search narrows every group;
 * "All" / "None" act on what the search shows (per group or overall). Continue sends the
 * choice (review.pick) and the review goes on to its draft as usual.
 *
 * With 1,000 nodes it stays quick: rows are memoised (a click redraws one row), a search is
 * deferred (typing never waits for the list) and each group draws its first ROWS_PER_GROUP
 * matches until "Show all" is pressed.
 */

export const ROWS_PER_GROUP = 50;

export interface NodePickerProps {
  choice: NodeChoice;
  /** Sends the chosen node IDs (canvas order); the picker shows `busy` until the answer. */
  onContinue: (nodes: string[]) => void;
  onCancel: () => void;
  busy?: boolean;
  /** Why the last Continue did not start (shown beside the button). */
  error?: string | null;
}

const NodeRow = memo(function NodeRow(props: {
  node: ChoiceNode;
  checked: boolean;
  onToggle: (id: string, checked: boolean) => void;
}) {
  const { node, checked, onToggle } = props;
  return (
    <li className="node-row">
      <label>
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => onToggle(node.id, e.target.checked)}
        />
        <span className="node-label">{node.label}</span>
        {node.iocType && <span className="badge badge-muted">{node.iocType}</span>}
      </label>
    </li>
  );
});

function Group(props: {
  group: NodeGroup;
  total: number;
  selected: ReadonlySet<string>;
  onToggle: (id: string, checked: boolean) => void;
  onMany: (ids: string[], checked: boolean) => void;
}) {
  const { group, selected, onToggle, onMany } = props;
  const [all, setAll] = useState(false);
  const headingId = useId();
  const shown = all ? group.nodes : group.nodes.slice(0, ROWS_PER_GROUP);
  const chosen = group.nodes.reduce((n, node) => n + (selected.has(node.id) ? 1 : 0), 0);
  const label = groupLabel(group.type);
  const ids = () => group.nodes.map((n) => n.id);
  return (
    <section className="ioc-group node-group" aria-labelledby={headingId}>
      <div className="ioc-group-head">
        <h3 id={headingId}>
          {label}{' '}
          <span className="count">
            {chosen} of {group.nodes.length} chosen
            {group.nodes.length < props.total ? ` (${props.total} in all)` : ''}
          </span>
        </h3>
        <span className="group-actions">
          <button
            type="button"
            className="link-button"
            aria-label={`Select all ${label.toLowerCase()}`}
            onClick={() => onMany(ids(), true)}
          >
            All
          </button>
          <button
            type="button"
            className="link-button"
            aria-label={`Select no ${label.toLowerCase()}`}
            onClick={() => onMany(ids(), false)}
          >
            None
          </button>
        </span>
      </div>
      <ul className="ioc-rows">
        {shown.map((node) => (
          <NodeRow key={node.id} node={node} checked={selected.has(node.id)} onToggle={onToggle} />
        ))}
      </ul>
      {shown.length < group.nodes.length && (
        <button type="button" className="link-button show-all" onClick={() => setAll(true)}>
          Show all {plural(group.nodes.length, label.toLowerCase(), label.toLowerCase())}
        </button>
      )}
    </section>
  );
}

export function NodePicker(props: NodePickerProps) {
  const { choice } = props;
  const index = useMemo(() => indexNodes(choice.nodes), [choice]);
  const totals = useMemo(
    () => new Map(index.groups.map((g) => [g.type, g.nodes.length] as const)),
    [index],
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => initialPick(choice.nodes));
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const groups = useMemo(() => filterGroups(index, deferredQuery), [index, deferredQuery]);
  const searchRef = useRef<HTMLInputElement>(null);
  const ids = useId();

  useEffect(() => {
    performance.mark(PICKER_FIRST_RENDER_MARK);
    // After the next frame: what the analyst sees (the benchmark's number).
    requestAnimationFrame(() => setTimeout(() => performance.mark(PICKER_PAINTED_MARK)));
    searchRef.current?.focus({ preventScroll: true });
  }, []);

  const onToggle = useCallback((id: string, checked: boolean) => {
    setSelected((current) => setMany(current, [id], checked));
  }, []);
  const onMany = useCallback((list: string[], checked: boolean) => {
    setSelected((current) => setMany(current, list, checked));
  }, []);
  const visibleIds = () => groups.flatMap((g) => g.nodes.map((n) => n.id));
  const visible = groups.reduce((n, g) => n + g.nodes.length, 0);
  const count = selected.size;
  const searching = deferredQuery.trim() !== '';

  return (
    <form
      className="dialog-body node-picker"
      aria-labelledby={`${ids}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        if (count > 0 && !props.busy) props.onContinue(pickedInOrder(index, selected));
      }}
    >
      <p id={`${ids}-title`} className="picker-intro">
        Choose the nodes of <strong>{choice.name}</strong> to put in the incident. Indicator nodes
        are chosen already; other objects are connected when Respond maps their type.
      </p>
      <label className="field">
        <span className="field-label">Search nodes</span>
        <input
          ref={searchRef}
          type="search"
          value={query}
          placeholder="Value, name or type"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter in the search box searches; it never sends the choice.
            if (e.key === 'Enter') e.preventDefault();
          }}
        />
      </label>
      <div className="iocs-head">
        <h3>
          Nodes{' '}
          <span className="count" role="status" aria-live="polite">
            {count} of {index.ids.length} chosen
            {searching ? ` · ${visible} match the search` : ''}
          </span>
        </h3>
        <span className="group-actions">
          <button
            type="button"
            className="link-button"
            onClick={() => onMany(visibleIds(), true)}
            disabled={visible === 0}
          >
            {searching ? 'Select all shown' : 'Select all'}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => onMany(visibleIds(), false)}
            disabled={visible === 0}
          >
            {searching ? 'Select none shown' : 'Select none'}
          </button>
        </span>
      </div>
      {groups.length === 0 ? (
        <p className="muted empty">No node matches the search.</p>
      ) : (
        <div className="ioc-groups" aria-busy={query !== deferredQuery}>
          {groups.map((group) => (
            <Group
              key={group.type}
              group={group}
              total={totals.get(group.type) ?? group.nodes.length}
              selected={selected}
              onToggle={onToggle}
              onMany={onMany}
            />
          ))}
        </div>
      )}
      <footer className="dialog-foot">
        {props.error && (
          <div className="outcome outcome-error" role="alert">
            <span className="error-text">{props.error}</span>
          </div>
        )}
        <div className="buttons">
          <button type="button" className="secondary" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={count === 0 || props.busy}>
            {props.busy ? 'Continuing…' : `Continue with ${plural(count, 'node')}`}
          </button>
        </div>
      </footer>
    </form>
  );
}
