"use client";

import { useTranslations } from "next-intl";
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { clampWidth, COLUMN_LIMITS, setColumnWidth, type ResizableColumn } from "../layout/column-widths";
import styles from "./process-table.module.css";

const STEP = 16;
const BIG_STEP = 64;

type Props = { column: ResizableColumn; label: string; width: number | undefined };

/**
 * The column header's right edge: a focusable separator (WAI-ARIA window splitter) moved by arrow keys,
 * Home/End, or dragged. Its value is the column's width in CSS px, measured while the column is flexible.
 */
export function ColumnResizer({ column, label, width }: Props) {
  const t = useTranslations("table");
  const ref = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState<number>();
  const drag = useRef<{ x: number; width: number } | null>(null);

  useLayoutEffect(() => {
    const header = ref.current?.parentElement;
    if (!header) return;
    const observer = new ResizeObserver(() => setMeasured(Math.round(header.getBoundingClientRect().width)));
    observer.observe(header);
    return () => observer.disconnect();
  }, []);

  const { min, max } = COLUMN_LIMITS[column];
  const current = clampWidth(column, width ?? measured ?? min);

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const next: Record<string, number> = {
      ArrowLeft: current - step,
      ArrowRight: current + step,
      Home: min,
      End: max,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    setColumnWidth(column, target);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, width: current };
  };
  const onPointerMove = (event: PointerEvent) => {
    if (drag.current) setColumnWidth(column, drag.current.width + event.clientX - drag.current.x);
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  return (
    <div
      ref={ref}
      role="separator"
      tabIndex={0}
      aria-orientation="vertical"
      aria-label={t("resizeColumn", { column: label })}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={current}
      aria-valuetext={t("columnWidth", { width: current })}
      className={styles.resizer}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    />
  );
}
