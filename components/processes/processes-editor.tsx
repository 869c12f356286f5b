"use client";

// The settings page's processes editor: it holds the page's state and puts the parts together. The parts sit
// in folders by concern (model, editing, saving, grid, live, csv, history, layout, shown-rows, table);
// docs/decisions/005 says who may import whom.

import {
  useDeferredValue,
  useEffect,
  useEffectEvent,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { useTranslations } from "next-intl";
import { useNotify } from "@/components/feedback/toaster";
import { onSessionEnd } from "@/components/leave-guard/session-end";
import { useLeaveGuard } from "@/components/leave-guard/use-leave-guard";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { Role } from "@/lib/auth/roles";
import { useProcesses } from "@/lib/query/processes";
import { Banners, ReadOnlyNotice, type Banner } from "./saving/banners";
import { stashDrafts, takeStashedDrafts } from "./saving/draft-stash";
import { EditStore } from "./editing/edit-store";
import { EditorContext } from "./editing/editor-context";
import type { RowsShown } from "./shown-rows/build-rows";
import { nextInvalidRow } from "./shown-rows/next-invalid-row";
import { ViewControls } from "./shown-rows/view-controls";
import { UndoRedoButtons } from "./editing/undo-redo-buttons";
import { DensitySwitch } from "./layout/density-switch";
import { ProcessTable, type TableHandle } from "./table/process-table";
import { Toolbar } from "./toolbar";
import { FindReplaceDialog, ReplaceButton } from "./editing/find-replace-dialog";
import { useSaveActions } from "./saving/use-save-actions";
import { useChangePrompt } from "./saving/change-prompt";
import { usePageShortcuts } from "./grid/use-page-shortcuts";
import { useSortParam } from "./shown-rows/use-sort-param";
import { useShownRows } from "./shown-rows/use-shown-rows";
import { CsvControls } from "./csv/csv-controls";
import { useProcessEvents } from "./live/use-process-events";
import { LiveStatus } from "./live/live-status";
import { HistoryDialog } from "./history/history-dialog";
import { PresenceContext } from "./presence/presence-context";
import { PresenceList } from "./presence/presence-list";
import { PresenceStore } from "./presence/presence-store";
import { usePagePresence } from "./presence/use-page-presence";
import styles from "./processes-editor.module.css";

type Props = { canWrite: boolean; role: Role };

export function ProcessesEditor({ canWrite, role }: Props) {
  const t = useTranslations("processes");
  const [store] = useState(() => new EditStore());
  const { data: processes = [] } = useProcesses();
  const notify = useNotify();
  const [banner, setBanner] = useState<Banner | null>(null);
  const [forbidden, setForbidden] = useState(false);
  const readOnly = !canWrite || forbidden;

  const { ask, prompt } = useChangePrompt();
  const actions = useSaveActions({ store, notify, setBanner, onForbidden: () => setForbidden(true), ask });
  // The context's callbacks are created once (rows never re-render for them) and call the latest actions.
  const actionsRef = useRef(actions);
  useLayoutEffect(() => {
    actionsRef.current = actions;
  });
  const [historyId, setHistoryId] = useState<number | null>(null);
  const [context] = useState(() => ({
    store,
    actions: {
      saveRow: (id: number) => actionsRef.current.saveRow(id),
      discardRow: (id: number) => actionsRef.current.discardRow(id),
      resolveConflict: (id: number, choice: "mine" | "theirs") => actionsRef.current.resolveConflict(id, choice),
      openHistory: setHistoryId,
    },
  }));
  const [presence] = useState(() => new PresenceStore());
  const liveState = useProcessEvents(store, true, notify, presence.apply);
  // With the stream down nobody is known to be here: the list shows no one rather than whoever was.
  useEffect(() => {
    if (liveState !== "live") presence.clear();
  }, [liveState, presence]);

  const summary = useSyncExternalStore(store.subscribe, store.getSummary, store.getSummary);
  usePagePresence(presence, readOnly ? [] : summary.editedIds);
  useLeaveGuard(!readOnly && summary.editedIds.length > 0);

  // Hydrated: the table now answers to typing (the UI benchmark reads this mark).
  const editable = useHydrated();
  useEffect(() => {
    performance.mark("processes-editable");
  }, []);

  // Back from signing in again (2002/2004): put the kept edits back, once, over the list as first rendered.
  const restoreStashed = useEffectEvent(() => {
    if (readOnly) return;
    const byId = new Map(processes.map((p) => [p.id, p]));
    const restored = takeStashedDrafts().flatMap(({ id, draft, base }) => {
      const p = byId.get(id);
      return p !== undefined && (p.name !== draft.name || p.comment !== draft.comment)
        ? [{ id, draft, base: base ?? p }]
        : [];
    });
    store.restore(restored);
    if (restored.length > 0) notify("info", t("restored", { count: restored.length }));
  });
  useEffect(() => restoreStashed(), []);
  // The session watch found the session ended: the edits come back after signing in again.
  useEffect(() => onSessionEnd(() => stashDrafts(store.drafts())), [store]);

  const tableRef = useRef<TableHandle>(null);
  const [filter, setFilter] = useState("");
  const [replacing, setReplacing] = useState(false);
  const [shown, setShown] = useState<RowsShown>("all");
  const deferredFilter = useDeferredValue(filter);
  const [sort, onSort] = useSortParam();
  const { rows, noteFocus } = useShownRows({
    processes,
    summary,
    filter: deferredFilter,
    shown,
    sort,
    store,
    readOnly,
  });
  const goToInvalidRow = (from: number | null) => {
    const target = nextInvalidRow(rows, store, from);
    if (target) tableRef.current?.focusCell(target.id, target.field);
  };

  usePageShortcuts({
    store,
    readOnly,
    // Blocked by rows with errors: go to the first one (the toast says how many remain).
    saveAll: () => actionsRef.current.saveAll() === "blocked" && goToInvalidRow(null),
    undoSave: () => actionsRef.current.undoSave(),
    openReplace: () => setReplacing(true),
    openHistory: setHistoryId,
  });
  const hidden = useMemo(() => {
    if (!deferredFilter && shown === "all") return 0;
    const visible = new Set(rows.map((r) => r.process.id));
    return summary.editedIds.filter((id) => !visible.has(id)).length;
  }, [rows, summary.editedIds, deferredFilter, shown]);

  return (
    <EditorContext.Provider value={context}>
      <PresenceContext.Provider value={presence}>
        <div className={styles.page} data-editable={editable || undefined}>
          {/* One line: title, live state, who else is here and the count; the rows get the rest (044). */}
          <header className={styles.header}>
            <h1 className={styles.title}>{t("title")}</h1>
            <LiveStatus state={liveState} />
            <PresenceList />
            <p className={styles.subtitle}>
              {deferredFilter.trim() || shown !== "all"
                ? t("subtitleFiltered", { shown: rows.length, count: processes.length })
                : t("subtitle", { count: processes.length })}
            </p>
          </header>
          {readOnly && <ReadOnlyNotice role={role} lostAccess={forbidden} />}
          {!readOnly && (
            <Banners banner={banner} onDismiss={() => setBanner(null)} onRetry={() => actionsRef.current.saveAll()} />
          )}
          <Toolbar
            readOnly={readOnly}
            filter={filter}
            onFilter={setFilter}
            onFilterDone={() => {
              const first = rows.find((r) => !r.gone);
              if (first) tableRef.current?.focusCell(first.process.id, "name");
            }}
            edited={summary.editedIds.length}
            hidden={hidden}
            invalid={summary.invalidCount}
            saving={actions.saveAllPending}
            onSaveAll={() => {
              // The button disables itself while saving: focus goes back to the cell last worked in.
              tableRef.current?.focusLastCell();
              actions.saveAll();
            }}
            onDiscardAll={() => {
              const count = summary.editedIds.length;
              if (count > 1 && !window.confirm(t("discardAllConfirm", { count }))) return;
              actions.discardAll();
            }}
          >
            {!readOnly && (
              <ViewControls
                shown={shown}
                onShown={setShown}
                invalid={summary.invalidCount}
                onNextInvalidRow={() => goToInvalidRow(tableRef.current?.currentId() ?? null)}
              />
            )}
            <CsvControls
              rows={rows}
              processes={processes}
              store={store}
              readOnly={readOnly}
              narrowed={Boolean(deferredFilter.trim()) || shown !== "all"}
            />
            {!readOnly && <ReplaceButton onReplace={() => setReplacing(true)} />}
            <DensitySwitch />
            {!readOnly && <UndoRedoButtons store={store} />}
          </Toolbar>
          {replacing && <FindReplaceDialog rows={rows} store={store} onClose={() => setReplacing(false)} />}
          <div className={styles.tableArea} onFocus={(event) => noteFocus(event.target)}>
            <ProcessTable
              ref={tableRef}
              rows={rows}
              readOnly={readOnly}
              sort={sort}
              onSort={onSort}
              emptyText={processes.length === 0 ? t("empty") : t("emptyFiltered")}
            />
          </div>
          {/* Under the table, not above it: the keys are learnt once, the rows are read all day. */}
          {!readOnly && <p className={styles.keys}>{t.rich("keys", { kbd: (chunks) => <kbd>{chunks}</kbd> })}</p>}
          {historyId !== null && (
            <HistoryDialog
              id={historyId}
              onClose={() => setHistoryId(null)}
              restore={readOnly ? undefined : (fields) => actionsRef.current.restoreVersion(historyId, fields)}
            />
          )}
          {prompt}
        </div>
      </PresenceContext.Provider>
    </EditorContext.Provider>
  );
}
